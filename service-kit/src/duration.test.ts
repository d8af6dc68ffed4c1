import { parseDuration, formatDuration } from './duration.js';
import { parseByteSize } from './size.js';

describe('parseDuration', () => {
  it.each([
    ['10', 10_000],
    ['0', 0],
    ['1.5', 1500],
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['1h', 3_600_000],
    ['1.5s', 1500],
  ])('reads %s as %i ms', (raw, ms) => {
    expect(parseDuration(raw)).toBe(ms);
  });

  it.each(['ten', '', '10x', 's', '1m30', '-1s'])('refuses %j and names the fix', (raw) => {
    expect(() => parseDuration(raw)).toThrow(`"${raw}" is not a duration, use 10s or 10`);
  });

  it('formats milliseconds for humans', () => {
    expect([formatDuration(250), formatDuration(1500), formatDuration(120_000)]).toEqual([
      '250ms',
      '1.5s',
      '2m',
    ]);
  });
});

describe('parseByteSize', () => {
  it.each([
    ['1048576', 1048576],
    ['10MB', 10_000_000],
    ['64Mi', 64 * 1024 * 1024],
    ['1GiB', 1024 ** 3],
    ['512k', 512_000],
  ])('reads %s as %i bytes', (raw, bytes) => {
    expect(parseByteSize(raw)).toBe(bytes);
  });

  it.each(['big', '10 parsecs', ''])('refuses %j', (raw) => {
    expect(() => parseByteSize(raw)).toThrow('is not a byte size');
  });
});
