// The built-in autoscaler on the platform with the local provider: a load step of 10 concurrent
// clients on a function with com.openfaas.scale.target=2 raises it to 5 replicas within seconds;
// when the load stops it returns to min within the stable window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Load, startScalingPlatform } from './autoscale-support.js';
import type { ScalingPlatform } from './autoscale-support.js';

const STABLE_WINDOW_S = 10;

let dir: string;
let platform: ScalingPlatform;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faas-autoscale-builtin-'));
  platform = await startScalingPlatform(dir, {
    autoscaler_stable_window: `${STABLE_WINDOW_S}s`,
    autoscaler_panic_window: '2s',
    scaling_refresh_interval: '1s',
  });
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built-in autoscaler on the local provider', () => {
  it('follows a load step of 10 clients up to 5 replicas (target 2) and back to 1', async () => {
    const { gateway } = platform;
    // Each call takes 0.2 s, so 10 closed-loop clients keep ~10 requests in flight.
    await gateway.deploy('steady', 'sleep 0.2', {
      'com.openfaas.scale.target': '2',
      'com.openfaas.scale.max': '8',
    });
    // Let the autoscaler watch it for a stable window first (it never scales down before).
    await new Promise((r) => setTimeout(r, STABLE_WINDOW_S * 1000));
    const load = new Load(`${gateway.url}/function/steady`, 10);
    let statuses;
    try {
      const reactionMs = await gateway.waitFor(
        'steady',
        '5 ready replicas',
        (r) => r.availableReplicas >= 5,
        30_000,
      );
      await new Promise((r) => setTimeout(r, 3_000));
      const during = await gateway.replicas('steady');
      statuses = await load.stop();
      const downMs = await gateway.waitFor('steady', 'back to 1 replica', (r) => r.replicas === 1, 60_000);
      console.log(
        `built-in autoscaler: 5 replicas ready ${reactionMs} ms after the load step; back to 1 ${downMs} ms after it stopped ` +
          `(stable window ${STABLE_WINDOW_S} s; load: ${JSON.stringify([...statuses])})`,
      );
      expect(reactionMs).toBeLessThan(15_000);
      expect(during.replicas).toBe(5);
      expect(downMs).toBeLessThan((STABLE_WINDOW_S + 10) * 1000);
    } finally {
      await load.stop();
    }
    expect([...statuses.keys()]).toEqual([200]);
    const metrics = await gateway.metricsMatching(
      /gateway_scaling_decisions_total\{function_name="steady.openfaas-fn",reason="autoscaler-down"\}/,
    );
    expect(metrics).toContain('gateway_scaling_target_concurrency{function_name="steady.openfaas-fn"} 2');
    expect(metrics).toContain('gateway_scaling_desired_replicas{function_name="steady.openfaas-fn"} 1');
    expect(metrics).toMatch(
      /gateway_scaling_decisions_total\{function_name="steady.openfaas-fn",reason="autoscaler-up"\} \d/,
    );
    expect(metrics).toMatch(
      /gateway_scaling_decisions_total\{function_name="steady.openfaas-fn",reason="autoscaler-down"\} \d/,
    );
  }, 150_000);
});
