import { niceMax, shownWindow } from './line-chart.js';

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
});
