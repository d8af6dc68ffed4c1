import type { CliIo } from './io.js';
import { writeLine } from './io.js';

const CODES = { red: 31, green: 32, yellow: 33, bold: 1, dim: 2 } as const;

/** A colour or weight for {@link Printer.paint}. */
export type Paint = keyof typeof CODES;

/** Writes results, tables, JSON and warnings; colour only on a terminal and without NO_COLOR. */
export class Printer {
  /** Whether ANSI colours are used. */
  readonly colour: boolean;

  constructor(private readonly io: CliIo) {
    this.colour = io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  }

  /** Text in a colour, when colours are on. */
  paint(paint: Paint, text: string): string {
    return this.colour ? `\u001b[${CODES[paint]}m${text}\u001b[0m` : text;
  }

  /** One line of output. */
  line(text = ''): void {
    writeLine(this.io.stdout, text);
  }

  /** A value as indented JSON, for `--json`. */
  json(value: unknown): void {
    writeLine(this.io.stdout, JSON.stringify(value, null, 2));
  }

  /** A warning on stderr. */
  warn(text: string): void {
    writeLine(this.io.stderr, `${this.paint('yellow', 'warning:')} ${text}`);
  }

  /** Progress or information on stderr, so stdout stays the result. */
  info(text: string): void {
    writeLine(this.io.stderr, text);
  }

  /** Rows under a header, columns padded to their widest cell. */
  table(header: string[], rows: string[][]): void {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const format = (cells: string[]) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd();
    this.line(this.paint('bold', format(header)));
    for (const row of rows) this.line(format(row));
  }
}
