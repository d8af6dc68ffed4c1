// The AlertManager path end to end: real Prometheus evaluating deploy/monitoring/alert.rules.yml,
// real AlertManager routing with deploy/monitoring/alertmanager.yml, the platform on the local
// provider. Load raises a function to max step by step; removing it brings it back to min.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { components, describeWith } from '@faas/service-kit/testing';
import {
  Load,
  monitoringDir,
  startAlertmanager,
  startPrometheus,
  startScalingPlatform,
} from './autoscale-support.js';
import type { Daemon, ScalingPlatform } from './autoscale-support.js';

const cleanup: (() => Promise<unknown> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describeWith(
  [components.prometheus, components.alertmanager],
  'scaling through Prometheus and AlertManager',
  () => {
    it.each([
      ['promtool', ['check', 'rules', join(monitoringDir, 'alert.rules.yml')], 'SUCCESS: 1 rules found'],
      ['amtool', ['check-config', join(monitoringDir, 'alertmanager.yml')], 'SUCCESS'],
    ])('deploy/monitoring passes %s', (tool, args, success) => {
      const run = spawnSync(tool, args, { encoding: 'utf8' });
      expect(`${run.stdout}${run.stderr}`).toContain(success);
      expect(run.status).toBe(0);
    });

    it('steps a loaded function up to max (1 → 3 → 4) and back to min once the load stops', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'faas-autoscale-alert-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      const platform: ScalingPlatform = await startScalingPlatform(join(dir, 'faas'), {});
      cleanup.push(() => platform.stop());
      const { gateway } = platform;
      let alertmanager: Daemon | undefined;
      let prometheus: Daemon | undefined;
      try {
        alertmanager = await startAlertmanager(dir, gateway.url, platform.passwordFile);
        cleanup.push(() => alertmanager?.stop());
        prometheus = await startPrometheus(dir, gateway.url, alertmanager.url);
        cleanup.push(() => prometheus?.stop());

        // max 4, factor 50: one step is ceil(4/100 × 50) = 2 replicas.
        await gateway.deploy('alerted', 'cat', {
          'com.openfaas.scale.max': '4',
          'com.openfaas.scale.factor': '50',
        });
        const begun = Date.now();
        const load = new Load(`${gateway.url}/function/alerted`, 3, 20);
        cleanup.push(() => load.stop());
        const firstStepMs = await gateway.waitFor('alerted', '3 replicas', (r) => r.replicas === 3, 90_000);
        const maxMs = await gateway.waitFor('alerted', '4 replicas (max)', (r) => r.replicas === 4, 90_000);
        await gateway.waitFor('alerted', '4 ready replicas', (r) => r.availableReplicas === 4, 30_000);
        const statuses = await load.stop();
        const stopped = Date.now();
        const minMs = await gateway.waitFor('alerted', 'back to 1 replica', (r) => r.replicas === 1, 90_000);
        console.log(
          `alert path: first step ${Math.round(firstStepMs / 1000)} s after the load started, max after ` +
            `${Math.round((firstStepMs + maxMs) / 1000)} s; back to min ${Math.round(minMs / 1000)} s after it stopped ` +
            `(load: ${JSON.stringify([...statuses])}, ${Math.round((stopped - begun) / 1000)} s)`,
        );
        expect([...statuses.keys()]).toEqual([200]);
        const resolved =
          'gateway_scaling_decisions_total{function_name="alerted.openfaas-fn",reason="alert-resolved"} 1';
        const metrics = await gateway.metricsMatching(resolved);
        expect(metrics).toContain(
          'gateway_scaling_decisions_total{function_name="alerted.openfaas-fn",reason="alert-firing"} 2',
        );
        expect(metrics).toContain(resolved);
        expect((await gateway.replicas('alerted')).replicas).toBe(1);
      } catch (err) {
        throw new Error(
          `${(err as Error).message}\n--- prometheus ---\n${prometheus?.output().slice(-3000) ?? ''}\n--- alertmanager ---\n${alertmanager?.output().slice(-3000) ?? ''}`,
          { cause: err },
        );
      }
    }, 240_000);
  },
);
