// Scale to zero and back on the platform with the local provider: a function labelled
// com.openfaas.scale.zero=true with a 3s idle duration goes to 0, then invocations succeed from
// zero, bodies intact; the cold start is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScalingPlatform } from './autoscale-support.js';
import type { ScalingPlatform } from './autoscale-support.js';

let dir: string;
let platform: ScalingPlatform;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faas-autoscale-zero-'));
  platform = await startScalingPlatform(dir, {});
});

afterAll(async () => {
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('scale to zero and from zero on the local provider', () => {
  it('idles a function to 0 after its idle duration, then serves invocations from zero', async () => {
    const { gateway } = platform;
    await gateway.deploy('sleepy', 'cat', {
      'com.openfaas.scale.zero': 'true',
      'com.openfaas.scale.zero-duration': '3s',
    });
    await gateway.deploy('awake', 'cat', { 'com.openfaas.scale.zero-duration': '3s' });
    const coldStarts: number[] = [];
    for (let round = 0; round < 3; round++) {
      const idleMs = await gateway.waitFor(
        'sleepy',
        'scaled to 0',
        (r) => r.replicas === 0 && r.availableReplicas === 0,
        30_000,
      );
      expect(idleMs).toBeLessThan(30_000);
      const body = `round ${round} ${'x'.repeat(100_000)}`;
      const begun = performance.now();
      const res = await fetch(`${gateway.url}/function/sleepy`, { method: 'POST', body });
      const text = await res.text();
      coldStarts.push(Math.round(performance.now() - begun));
      // The status with the start of the body, so a gateway error says what it was.
      expect({ round, status: res.status, text: text.slice(0, 200) }).toEqual({
        round,
        status: 200,
        text: body.slice(0, 200),
      });
      expect(text).toBe(body);
      const after = await gateway.replicas('sleepy');
      expect(after.replicas).toBe(1);
      expect(after.availableReplicas).toBe(1);
    }
    const sorted = [...coldStarts].sort((a, b) => a - b);
    console.log(
      `cold start of cat on the local provider: ${coldStarts.join(', ')} ms (median ${sorted[1]} ms)`,
    );
    expect((await gateway.replicas('awake')).replicas).toBe(1);
    const metrics = await gateway.metrics();
    expect(metrics).toContain(
      'gateway_scaling_decisions_total{function_name="sleepy.openfaas-fn",reason="idle"}',
    );
    expect(metrics).toContain(
      'gateway_scaling_decisions_total{function_name="sleepy.openfaas-fn",reason="scale-from-zero"} 3',
    );
    expect(metrics).not.toContain('function_name="awake.openfaas-fn",reason="idle"');
  }, 180_000);

  it('shares one scale-up among concurrent first requests', async () => {
    const { gateway } = platform;
    await gateway.deploy('crowd', 'cat', {
      'com.openfaas.scale.zero': 'true',
      'com.openfaas.scale.zero-duration': '2s',
    });
    await gateway.waitFor('crowd', 'scaled to 0', (r) => r.replicas === 0, 30_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await fetch(`${gateway.url}/function/crowd`, { method: 'POST', body: `caller ${i}` });
        return `${res.status} ${await res.text()}`;
      }),
    );
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => `200 caller ${i}`));
    expect(await gateway.metrics()).toContain(
      'gateway_scaling_decisions_total{function_name="crowd.openfaas-fn",reason="scale-from-zero"} 1',
    );
  }, 120_000);
});
