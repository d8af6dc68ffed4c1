/** Go's time.RFC3339 layout: faas-cli's default for `logs --time-format`. */
export const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);
const DAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');
const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

/** Go's reference-time elements, longest first where one is a prefix of another. */
const ELEMENTS: [string, (d: Date) => string][] = [
  ['January', (d) => MONTHS[d.getUTCMonth()]!],
  ['Jan', (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3)],
  ['Monday', (d) => DAYS[d.getUTCDay()]!],
  ['Mon', (d) => DAYS[d.getUTCDay()]!.slice(0, 3)],
  ['MST', () => 'UTC'],
  ['2006', (d) => pad(d.getUTCFullYear(), 4)],
  ['06', (d) => pad(d.getUTCFullYear() % 100)],
  ['01', (d) => pad(d.getUTCMonth() + 1)],
  ['02', (d) => pad(d.getUTCDate())],
  ['_2', (d) => pad(d.getUTCDate(), 2, ' ')],
  ['15', (d) => pad(d.getUTCHours())],
  ['03', (d) => pad(d.getUTCHours() % 12 || 12)],
  ['04', (d) => pad(d.getUTCMinutes())],
  ['05', (d) => pad(d.getUTCSeconds())],
  ['PM', (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM')],
  ['pm', (d) => (d.getUTCHours() < 12 ? 'am' : 'pm')],
  ['Z07:00:00', () => 'Z'],
  ['Z070000', () => 'Z'],
  ['Z07:00', () => 'Z'],
  ['Z0700', () => 'Z'],
  ['Z07', () => 'Z'],
  ['-07:00:00', () => '+00:00:00'],
  ['-070000', () => '+000000'],
  ['-07:00', () => '+00:00'],
  ['-0700', () => '+0000'],
  ['-07', () => '+00'],
  ['1', (d) => String(d.getUTCMonth() + 1)],
  ['2', (d) => String(d.getUTCDate())],
  ['3', (d) => String(d.getUTCHours() % 12 || 12)],
  ['4', (d) => String(d.getUTCMinutes())],
  ['5', (d) => String(d.getUTCSeconds())],
];

/** `.000` (fixed digits) or `.999` (trailing zeros dropped) fractional seconds, `,` too. */
const FRACTION = /^[.,](0+|9+)(?!\d)/;

/**
 * Formats a time (in UTC, as the providers send it) with a Go layout such as faas-cli's
 * `--time-format` takes: `2006-01-02T15:04:05Z07:00`, `15:04:05.000`, `Jan _2 3:04PM`.
 * Text that is not a layout element is copied.
 */
export function formatGoTime(date: Date, layout: string): string {
  let out = '';
  let rest = layout;
  const nanos = pad(date.getUTCMilliseconds(), 3) + '000000';
  while (rest) {
    const fraction = FRACTION.exec(rest);
    if (fraction) {
      const digits = nanos.slice(0, fraction[1]!.length);
      const shown = fraction[1]![0] === '9' ? digits.replace(/0+$/, '') : digits;
      out += shown ? `${rest[0]}${shown}` : '';
      rest = rest.slice(fraction[0].length);
      continue;
    }
    const element = ELEMENTS.find(([token]) => rest.startsWith(token));
    if (element) {
      out += element[1](date);
      rest = rest.slice(element[0].length);
    } else {
      out += rest[0];
      rest = rest.slice(1);
    }
  }
  return out;
}
