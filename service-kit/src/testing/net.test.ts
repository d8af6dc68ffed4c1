import { until } from './net.js';

describe('until', () => {
  it('returns the first value the probe gives, after the probe failed and said "not yet"', async () => {
    let calls = 0;
    const value = await until(
      'the third call',
      () => {
        calls++;
        if (calls === 1) throw new Error('not up');
        return calls === 3 ? 'ready' : undefined;
      },
      2_000,
      5,
    );
    expect(value).toBe('ready');
    expect(calls).toBe(3);
  });

  it('keeps polling while the probe answers false, null or undefined', async () => {
    const answers = [false, null, undefined, 'ready'];
    let calls = 0;
    expect(await until('the fourth answer', () => answers[calls++], 2_000, 5)).toBe('ready');
    expect(calls).toBe(4);
  });

  it('waits for a condition and resolves to true once it holds', async () => {
    let n = 0;
    const held: true = await until('n to reach 3', () => ++n >= 3, 2_000, 5);
    expect(held).toBe(true);
    expect(n).toBe(3);
  });

  it('fails after ms, naming what it waited for and the last error', async () => {
    await expect(
      until(
        'a port',
        () => {
          throw new Error('ECONNREFUSED');
        },
        50,
        10,
      ),
    ).rejects.toThrow('timed out after 50 ms waiting for a port: Error: ECONNREFUSED');
  });
});
