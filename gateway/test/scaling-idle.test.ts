// The idle tracker and scale to zero, on a fake clock: idle durations, requests in flight, restarts.
import { MemoryLogger } from '@faas/service-kit';
import { Registry } from 'prom-client';
import { FakeReplicas } from './scaling-support.js';
import { FakeClock } from '../src/scaling/clock.js';
import { FunctionCatalog } from '../src/scaling/function-catalog.js';
import { IdleScaler } from '../src/scaling/idle-scaler.js';
import { InvocationActivity } from '../src/scaling/invocation-activity.js';
import { LabelReader } from '../src/scaling/label-reader.js';
import { ReplicaSetter } from '../src/scaling/replica-setter.js';
import { ScalingMetrics } from '../src/scaling/scaling-metrics.js';

const MINUTE = 60_000;
const zero = (duration?: string): Record<string, string> => ({
  'com.openfaas.scale.zero': 'true',
  ...(duration ? { 'com.openfaas.scale.zero-duration': duration } : {}),
});

describe('InvocationActivity', () => {
  it('counts idle time from its own start for a function it never saw (a restarted gateway)', () => {
    const clock = new FakeClock();
    const activity = new InvocationActivity(clock);
    clock.advance(5 * MINUTE);
    expect(activity.idleMs('never.openfaas-fn')).toBe(5 * MINUTE);
  });

  it('is never idle while a request is in flight, however long it runs', () => {
    const clock = new FakeClock();
    const activity = new InvocationActivity(clock);
    const fn = { name: 'f', namespace: 'openfaas-fn', qualified: 'f.openfaas-fn' };
    activity.started(fn);
    clock.advance(60 * MINUTE);
    expect(activity.inflight(fn.qualified)).toBe(1);
    expect(activity.idleMs(fn.qualified)).toBe(0);
    activity.finished(fn);
    clock.advance(1_000);
    expect(activity.inflight(fn.qualified)).toBe(0);
    expect(activity.idleMs(fn.qualified)).toBe(1_000);
  });

  it('averages concurrency over time between two looks', () => {
    const clock = new FakeClock();
    const activity = new InvocationActivity(clock);
    const fn = { name: 'f', namespace: 'openfaas-fn', qualified: 'f.openfaas-fn' };
    activity.touch(fn);
    clock.advance(1_000);
    activity.started(fn);
    activity.started(fn);
    clock.advance(500);
    activity.finished(fn);
    activity.finished(fn);
    clock.advance(500);
    expect(activity.takePeriod(fn.qualified)).toEqual({ average: 0.5, busyAverage: 1, busyMs: 1_000 });
    activity.started(fn);
    clock.advance(1_000);
    expect(activity.takePeriod(fn.qualified)).toEqual({ average: 1, busyAverage: 1, busyMs: 1_000 });
    clock.advance(1_000);
    expect(activity.takePeriod(fn.qualified)).toEqual({ average: 1, busyAverage: 1, busyMs: 1_000 });
    activity.finished(fn);
    clock.advance(1_000);
    expect(activity.takePeriod(fn.qualified)).toEqual({ average: 0, busyAverage: 0, busyMs: 0 });
    expect(activity.takePeriod('other.openfaas-fn')).toEqual({ average: 0, busyAverage: 0, busyMs: 0 });
  });

  it('forgets functions that are gone unless used since the listing or still in flight', () => {
    const clock = new FakeClock();
    const activity = new InvocationActivity(clock);
    const ref = (name: string) => ({ name, namespace: 'openfaas-fn', qualified: `${name}.openfaas-fn` });
    activity.started(ref('busy'));
    activity.touch(ref('gone'));
    clock.advance(10);
    const listedAt = clock.now();
    clock.advance(10);
    activity.touch(ref('new'));
    activity.retain(new Set(), listedAt);
    clock.advance(MINUTE);
    expect(activity.inflight('busy.openfaas-fn')).toBe(1);
    expect(activity.idleMs('new.openfaas-fn')).toBe(MINUTE);
    expect(activity.idleMs('gone.openfaas-fn')).toBe(MINUTE + 20);
  });
});

describe('IdleScaler', () => {
  function setup(clock = new FakeClock()) {
    const replicas = new FakeReplicas();
    const logger = new MemoryLogger();
    const registry = new Registry();
    const setter = new ReplicaSetter(replicas, new ScalingMetrics(registry), logger);
    const catalog = new FunctionCatalog(replicas, new LabelReader(logger), clock, logger);
    setter.onScaled((fn, n) => catalog.scaled(fn, n));
    const activity = new InvocationActivity(clock);
    const idle = new IdleScaler(catalog, activity, setter, logger);
    const sweep = async () => {
      await catalog.refresh();
      return idle.sweep();
    };
    return { clock, replicas, activity, sweep, registry, logger };
  }

  it('scales a function labelled zero=true to 0 after its idle duration (default 15m), not before', async () => {
    const { clock, replicas, sweep, registry } = setup();
    replicas.add('sleepy', 2, zero());
    expect(await sweep()).toEqual([]);
    clock.advance(15 * MINUTE - 1);
    expect(await sweep()).toEqual([]);
    clock.advance(1);
    expect(await sweep()).toEqual(['sleepy.openfaas-fn']);
    expect(replicas.scaleCalls).toEqual([['sleepy.openfaas-fn', 0]]);
    expect(await sweep()).toEqual([]);
    expect(await registry.metrics()).toContain(
      'gateway_scaling_decisions_total{function_name="sleepy.openfaas-fn",reason="idle"} 1',
    );
  });

  it('leaves functions without the label, and honours a custom zero-duration', async () => {
    const { clock, replicas, sweep } = setup();
    replicas.add('plain', 1);
    replicas.add('quick', 1, zero('2m'));
    replicas.add('off', 1, { 'com.openfaas.scale.zero': 'false' });
    await sweep();
    clock.advance(2 * MINUTE);
    expect(await sweep()).toEqual(['quick.openfaas-fn']);
    clock.advance(60 * MINUTE);
    expect(await sweep()).toEqual([]);
    expect(replicas.replicas('plain')).toBe(1);
    expect(replicas.replicas('off')).toBe(1);
  });

  it('measures idle time from the last invocation', async () => {
    const { clock, replicas, activity, sweep } = setup();
    const fn = replicas.add('f', 1, zero('1m'));
    await sweep();
    clock.advance(50_000);
    activity.started(fn);
    activity.finished(fn);
    clock.advance(59_999);
    expect(await sweep()).toEqual([]);
    clock.advance(1);
    expect(await sweep()).toEqual(['f.openfaas-fn']);
  });

  it('never scales a function down while one of its requests is in flight', async () => {
    const { clock, replicas, activity, sweep } = setup();
    const fn = replicas.add('long', 1, zero('1m'));
    await sweep();
    activity.started(fn);
    clock.advance(10 * MINUTE);
    expect(await sweep()).toEqual([]);
    activity.finished(fn);
    clock.advance(MINUTE);
    expect(await sweep()).toEqual(['long.openfaas-fn']);
  });

  it('after a gateway restart waits a full idle duration from the restart', async () => {
    const clock = new FakeClock();
    const before = setup(clock);
    before.replicas.add('busy', 3, zero('1m'));
    clock.advance(30 * MINUTE);
    // A new gateway (new activity tracker) starts now: it never saw the traffic before.
    const after = setup(clock);
    after.replicas.add('busy', 3, zero('1m'));
    expect(await after.sweep()).toEqual([]);
    clock.advance(MINUTE - 1);
    expect(await after.sweep()).toEqual([]);
    clock.advance(1);
    expect(await after.sweep()).toEqual(['busy.openfaas-fn']);
  });

  it('gives a function deployed long after the gateway started a whole idle duration', async () => {
    const { clock, replicas, sweep } = setup();
    clock.advance(60 * MINUTE);
    expect(await sweep()).toEqual([]);
    replicas.add('fresh', 1, zero('1m'));
    expect(await sweep()).toEqual([]);
    clock.advance(MINUTE - 1);
    expect(await sweep()).toEqual([]);
    clock.advance(1);
    expect(await sweep()).toEqual(['fresh.openfaas-fn']);
  });

  it('gives a function scaled up from zero by hand a whole idle duration', async () => {
    const { clock, replicas, sweep } = setup();
    replicas.add('f', 1, zero('1m'));
    await sweep();
    clock.advance(MINUTE);
    expect(await sweep()).toEqual(['f.openfaas-fn']);
    clock.advance(10 * MINUTE);
    replicas.functions.get('f.openfaas-fn')!.replicas = 2;
    expect(await sweep()).toEqual([]);
    clock.advance(MINUTE - 1);
    expect(await sweep()).toEqual([]);
    clock.advance(1);
    expect(await sweep()).toEqual(['f.openfaas-fn']);
  });

  it('logs a failed scale-down and tries again on the next sweep', async () => {
    const { clock, replicas, sweep, logger } = setup();
    replicas.add('f', 1, zero('1m'));
    await sweep();
    clock.advance(MINUTE);
    replicas.failWith = new Error('provider down');
    expect(await sweep()).toEqual([]);
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toEqual([
      'could not scale an idle function to zero',
    ]);
    replicas.failWith = undefined;
    expect(await sweep()).toEqual(['f.openfaas-fn']);
  });
});
