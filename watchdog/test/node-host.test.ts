// The Node host's own wiring, below what the black-box suite (executable/) can reach: a spawner
// that hands over its process late.
import { alive, startWatchdog as startWith } from './helpers.js';
import { NodeSpawner } from '../src/function-process.js';
import type { Spawner } from '../src/function-process.js';

describe('a client that goes away while the process is starting', () => {
  it('still gets its process killed, so nothing waits forever on stdin', async () => {
    const killed: number[] = [];
    const real = new NodeSpawner();
    // A hand-written fake: starts a real `cat`, but only hands it over after 300 ms.
    const slow: Spawner = {
      async spawn(command, args, env, options) {
        const proc = await real.spawn(command, args, env, options);
        await new Promise((r) => setTimeout(r, 300));
        return { ...proc, killGroup: () => (killed.push(proc.pid ?? -1), proc.killGroup()) };
      },
      close: () => undefined,
    };
    const running = await startWith({ fprocess: 'cat' }, { spawner: slow });
    try {
      const controller = new AbortController();
      const pending = fetch(running.url, { method: 'POST', body: 'x', signal: controller.signal });
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      await expect(pending).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 500));
      expect(new Set(killed).size).toBe(1);
      expect(alive(killed[0] as number)).toBe(false);
    } finally {
      await running.close();
    }
  });
});
