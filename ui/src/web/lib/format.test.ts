import { ago, bytes, count, rate, seconds } from './format.js';

describe('formatting for people', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  it.each([
    ['2026-01-01T23:59:58Z', '2 s ago'],
    ['2026-01-01T23:55:00Z', '5 min ago'],
    ['2026-01-01T21:00:00Z', '3 h ago'],
    ['2025-12-31T00:00:00Z', '2 days ago'],
    ['2026-01-01T00:00:00Z', '1 day ago'],
    ['2026-01-02T00:00:09Z', '0 s ago'],
    ['not a date', 'not a date'],
  ])('says %s was %s', (iso, words) => {
    expect(ago(iso, now)).toBe(words);
  });

  it.each([
    [0, '0 ms'],
    [0.0004, '400 µs'],
    [0.0042, '4.2 ms'],
    [0.25, '250 ms'],
    [1.5, '1.50 s'],
    [12.34, '12.3 s'],
  ])('writes %s seconds as %s', (s, words) => {
    expect(seconds(s)).toBe(words);
  });

  it.each([
    [0, '0/s'],
    [5, '5/s'],
    [0.05, '0.050/s'],
    [2.345, '2.35/s'],
    [42.4, '42/s'],
  ])('writes a rate of %s as %s', (r, words) => {
    expect(rate(r)).toBe(words);
  });

  it('writes sizes and counts', () => {
    expect([bytes(5), bytes(2048), bytes(5 * 1024 * 1024)]).toEqual(['5 B', '2.0 KiB', '5.0 MiB']);
    expect(count(1234567)).toBe('1,234,567');
  });
});
