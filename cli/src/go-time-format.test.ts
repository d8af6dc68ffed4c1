import { RFC3339_LAYOUT, formatGoTime } from './go-time-format.js';

describe('formatGoTime', () => {
  const at = new Date('2026-03-07T14:05:09.120Z'); // a Saturday afternoon

  it.each([
    [RFC3339_LAYOUT, '2026-03-07T14:05:09Z'],
    ['2006-01-02T15:04:05.000Z07:00', '2026-03-07T14:05:09.120Z'],
    ['15:04:05.999', '14:05:09.12'],
    ['15:04:05.000000', '14:05:09.120000'],
    ['15:04:05,000', '14:05:09,120'],
    ['3:04PM', '2:05PM'],
    ['03:04 pm', '02:05 pm'],
    ['Mon Jan _2 15:04:05 MST 2006', 'Sat Mar  7 14:05:09 UTC 2026'],
    ['Monday, 2 January 06', 'Saturday, 7 March 26'],
    ['1/2 -07:00 -0700 Z0700', '3/7 +00:00 +0000 Z'],
    ['day: 02', 'day: 07'],
  ])('formats %j', (layout, expected) => {
    expect(formatGoTime(at, layout)).toBe(expected);
  });

  it('drops a .999 fraction entirely when it is zero', () => {
    expect(formatGoTime(new Date('2026-03-07T14:05:09Z'), '15:04:05.999')).toBe('14:05:09');
  });
});
