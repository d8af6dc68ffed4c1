import { linePath, niceMax, shownWindow } from './line-chart.js';

describe('chart scales', () => {
  it.each([
    [0, 1],
    [0.7, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [0.012, 0.02],
    [250, 500],
  ])('rounds a maximum of %s up to %s', (value, max) => {
    expect(niceMax(value)).toBeCloseTo(max);
  });

  it('shows what has been seen: at least a minute, at most the window', () => {
    const now = 1_000_000;
    expect(shownWindow([], now, 600_000)).toBe(60_000);
    expect(shownWindow([now - 10_000], now, 600_000)).toBe(60_000);
    expect(shownWindow([now - 200_000], now, 600_000)).toBe(205_000);
    expect(shownWindow([now - 900_000], now, 600_000)).toBe(600_000);
  });

  it('lifts the pen over missing values and over gaps in time', () => {
    const same = (n: number) => n;
    expect(linePath([0, 5, 10, 15], [1, 2, undefined, 4], same, same)).toBe('M0.0,1.0L5.0,2.0M15.0,4.0');
    expect(linePath([0, 5, 100, 105], [1, 2, 3, 4], same, same, 15)).toBe(
      'M0.0,1.0L5.0,2.0M100.0,3.0L105.0,4.0',
    );
    expect(linePath([0, 5, 100], [1, 2, 3], same, same)).toBe('M0.0,1.0L5.0,2.0L100.0,3.0');
  });
});
