// The built-in autoscaler on a fake clock: Knative's stable and panic windows over the in-flight
// requests the gateway observes, bounded by min and max, ticking once a second.
import { MemoryLogger } from '@faas/service-kit';
import { Registry } from 'prom-client';
import { FakeReplicas } from './scaling-support.js';
import { Autoscaler } from '../src/scaling/autoscaler.js';
import type { AutoscalerDecision } from '../src/scaling/autoscaler.js';
import { FakeClock } from '../src/scaling/clock.js';
import { FunctionCatalog } from '../src/scaling/function-catalog.js';
import type { FunctionRef } from '../src/invoke/hooks.js';
import { InvocationActivity } from '../src/scaling/invocation-activity.js';
import { LabelReader } from '../src/scaling/label-reader.js';
import { ReplicaSetter } from '../src/scaling/replica-setter.js';
import { ScalingMetrics } from '../src/scaling/scaling-metrics.js';

const STABLE = 60_000;
const PANIC = 6_000;
const target = (t: number, extra: Record<string, string> = {}) => ({
  'com.openfaas.scale.target': String(t),
  ...extra,
});

function setup(clock = new FakeClock(), replicas = new FakeReplicas()) {
  const logger = new MemoryLogger();
  const registry = new Registry();
  const metrics = new ScalingMetrics(registry);
  const setter = new ReplicaSetter(replicas, metrics, logger);
  const catalog = new FunctionCatalog(replicas, new LabelReader(logger), clock, logger);
  setter.onScaled((fn, n) => catalog.scaled(fn, n));
  const activity = new InvocationActivity(clock);
  const autoscaler = new Autoscaler(catalog, activity, setter, metrics, clock, logger, {
    stableWindowMs: STABLE,
    panicWindowMs: PANIC,
  });
  const inflight = new Map<string, number>();
  /** Sets the requests in flight for a function from now on. */
  const load = (fn: FunctionRef, n: number): void => {
    for (let have = inflight.get(fn.qualified) ?? 0; have < n; have++) activity.started(fn);
    for (let have = inflight.get(fn.qualified) ?? 0; have > n; have--) activity.finished(fn);
    inflight.set(fn.qualified, n);
  };
  /** Advances `seconds` one tick at a time; returns each tick's decisions for `name`. */
  const run = async (seconds: number, name?: string): Promise<AutoscalerDecision[]> => {
    const seen: AutoscalerDecision[] = [];
    for (let i = 0; i < seconds; i++) {
      clock.advance(1_000);
      await catalog.refresh();
      const decisions = await autoscaler.tick();
      seen.push(...decisions.filter((d) => name === undefined || d.function === name));
    }
    return seen;
  };
  return { clock, replicas, registry, load, run, logger };
}

/** A function watched for a whole stable window already, so scale-down is allowed. */
async function watched(labels: Record<string, string>, replicas = 1) {
  const t = setup();
  const fn = t.replicas.add('f', replicas, labels);
  await t.run(STABLE / 1000);
  t.replicas.scaleCalls.length = 0;
  return { ...t, fn };
}

describe('Autoscaler', () => {
  it('reacts to a step of 10 in flight with target 2 within two ticks, through the panic window', async () => {
    const { fn, load, run, replicas } = await watched(target(2));
    load(fn, 10);
    const [first, second] = await run(2, fn.qualified);
    expect(first).toMatchObject({ panic: 10, panicking: true, desired: 5, current: 1 });
    expect(second).toMatchObject({ desired: 5, current: 5 });
    expect(replicas.scaleCalls).toEqual([['f.openfaas-fn', 5]]);
  });

  it('sees a step that began just before a tick at its full height, not diluted by the quiet part', async () => {
    const { fn, load, run, replicas, clock } = await watched(target(2));
    clock.advance(900);
    load(fn, 10);
    const [first] = await run(1, fn.qualified);
    expect(first).toMatchObject({ panic: 10, panicking: true, desired: 5, current: 1 });
    expect(replicas.scaleCalls).toEqual([['f.openfaas-fn', 5]]);
  });

  it('scales a small rise up through the stable window without panicking', async () => {
    const { fn, load, run, replicas } = await watched(target(2));
    load(fn, 3);
    const [first] = await run(1, fn.qualified);
    expect(first).toMatchObject({ stable: 3, panicking: false, desired: 2 });
    expect(replicas.replicas('f')).toBe(2);
  });

  it('never goes above max or below max(min, 1)', async () => {
    const { fn, load, run, replicas } = await watched(
      target(1, { 'com.openfaas.scale.max': '4', 'com.openfaas.scale.min': '0' }),
    );
    load(fn, 50);
    await run(3);
    expect(replicas.replicas('f')).toBe(4);
    load(fn, 0);
    await run(STABLE / 1000 + 5);
    expect(replicas.replicas('f')).toBe(1);
    expect(Math.max(...replicas.scaleCalls.map(([, n]) => n))).toBe(4);
    expect(Math.min(...replicas.scaleCalls.map(([, n]) => n))).toBe(1);
  });

  it('returns to min within the stable window after the load stops, and not during panic', async () => {
    const { fn, load, run, replicas, clock } = await watched(target(2));
    load(fn, 10);
    await run(10);
    expect(replicas.replicas('f')).toBe(5);
    load(fn, 0);
    const stopped = clock.now();
    const after = await run(STABLE / 1000, fn.qualified);
    expect(replicas.replicas('f')).toBe(1);
    const atMin = after.find((d) => d.desired === 1)!;
    expect(atMin).toBeDefined();
    // The panic began 10 s before the load stopped, so it holds 5 replicas until 60 s after that.
    const downs = replicas.scaleCalls.filter(([, n]) => n < 5);
    expect(downs.length).toBeGreaterThan(0);
    expect(after.filter((d) => d.panicking).every((d) => d.desired === 5)).toBe(true);
    expect(clock.now() - stopped).toBeLessThanOrEqual(STABLE);
  });

  it('holds its panic replicas while the load dips during the panic', async () => {
    const { fn, load, run, replicas } = await watched(target(2));
    load(fn, 10);
    await run(2);
    load(fn, 2);
    const during = await run(20, fn.qualified);
    expect(during.every((d) => d.panicking && d.desired === 5)).toBe(true);
    expect(replicas.scaleCalls).toEqual([['f.openfaas-fn', 5]]);
  });

  it('does not scale down before it has watched a whole stable window (after a gateway restart)', async () => {
    const { replicas, run } = setup();
    replicas.add('busy', 6, target(2));
    const early = await run(STABLE / 1000 - 1, 'busy.openfaas-fn');
    expect(early.every((d) => d.desired === 6)).toBe(true);
    expect(replicas.scaleCalls).toEqual([]);
    await run(2);
    expect(replicas.scaleCalls).toEqual([['busy.openfaas-fn', 1]]);
  });

  it('leaves alone functions without a target and functions idled to zero', async () => {
    const { replicas, run } = setup();
    replicas.add('plain', 3);
    replicas.add('idle', 0, target(2, { 'com.openfaas.scale.zero': 'true' }));
    const decisions = await run(STABLE / 1000 + 2);
    expect(new Set(decisions.map((d) => d.function))).toEqual(new Set(['idle.openfaas-fn']));
    expect(replicas.scaleCalls).toEqual([]);
  });

  it('publishes target and desired replicas, and counts its decisions by reason', async () => {
    const { fn, load, run, registry } = await watched(target(2));
    load(fn, 10);
    await run(1);
    const text = await registry.metrics();
    expect(text).toContain('gateway_scaling_target_concurrency{function_name="f.openfaas-fn"} 2');
    expect(text).toContain('gateway_scaling_desired_replicas{function_name="f.openfaas-fn"} 5');
    expect(text).toContain(
      'gateway_scaling_decisions_total{function_name="f.openfaas-fn",reason="autoscaler-up"} 1',
    );
  });

  it('drops the gauges of a function that loses its target', async () => {
    const { fn, run, registry, replicas } = await watched(target(2));
    replicas.functions.get(fn.qualified)!.labels = {};
    await run(1);
    expect(await registry.metrics()).not.toContain(
      'gateway_scaling_desired_replicas{function_name="f.openfaas-fn"}',
    );
  });
});
