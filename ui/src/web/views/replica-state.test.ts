import type { FunctionStatus } from '@faas/contracts';
import { readinessOf, START_GRACE_MS, StartTimes } from './replica-state.js';

describe('readiness', () => {
  it.each([
    [1, 1, 'ready'],
    [2, 3, 'ready'],
    [2, 1, 'partly-ready'],
    [1, 0, 'not-ready'],
    [0, 0, 'scaled-to-zero'],
    [0, 1, 'ready'],
  ])(
    'is %s desired, %s available → %s (nothing known about its start)',
    (replicas, availableReplicas, state) => {
      expect(readinessOf({ replicas, availableReplicas })).toBe(state);
    },
  );

  it.each([
    [0, 'starting'],
    [START_GRACE_MS - 1, 'starting'],
    [START_GRACE_MS, 'not-ready'],
  ])('with no ready replica %s ms after its start, is %s', (elapsed, state) => {
    expect(readinessOf({ replicas: 1, availableReplicas: 0 }, 1_000, 1_000 + elapsed)).toBe(state);
  });

  it('is ready, partly ready or scaled to zero whatever the start time', () => {
    expect(readinessOf({ replicas: 1, availableReplicas: 1 }, 1_000, 1_000)).toBe('ready');
    expect(readinessOf({ replicas: 2, availableReplicas: 1 }, 1_000, 1_000)).toBe('partly-ready');
    expect(readinessOf({ replicas: 0, availableReplicas: 0 }, 1_000, 1_000)).toBe('scaled-to-zero');
  });
});

describe('start times', () => {
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const fn = (replicas: number, createdAt = '2026-01-01T00:00:00Z'): FunctionStatus => ({
    name: 'echo',
    namespace: 'openfaas-fn',
    image: 'faas/cat',
    labels: {},
    readOnlyRootFilesystem: false,
    replicas,
    availableReplicas: 0,
    invocationCount: 0,
    createdAt,
  });

  it('start from the function’s creation', () => {
    expect(new StartTimes().observe(fn(1), t0 + 5_000)).toBe(t0);
  });

  it('restart when the desired replicas rise between two reads (a scale-up, from zero too)', () => {
    const times = new StartTimes();
    times.observe(fn(0), t0 + 600_000);
    expect(times.observe(fn(1), t0 + 601_000)).toBe(t0 + 601_000);
    expect(times.observe(fn(1), t0 + 602_000)).toBe(t0 + 601_000);
    expect(times.observe(fn(0), t0 + 603_000)).toBe(t0 + 601_000);
  });

  it('restart when this page changed the function', () => {
    const times = new StartTimes();
    times.observe(fn(1), t0 + 600_000);
    times.changed({ name: 'echo', namespace: 'openfaas-fn' }, t0 + 700_000);
    expect(times.observe(fn(1), t0 + 701_000)).toBe(t0 + 700_000);
  });

  it('never date a start after now, whatever the server’s clock says', () => {
    expect(new StartTimes().observe(fn(1, '2026-01-01T00:10:00Z'), t0)).toBe(t0);
  });
});
