import { readScalingLabels, SCALING_DEFAULTS } from '@faas/contracts';
import type { ScalingLabels } from '@faas/contracts';
import { alertReplicas, alertStep, replicasForConcurrency, wakeReplicas } from './replica-formula.js';
import type { AlertStatus } from './replica-formula.js';

const scaling = (overrides: Partial<ScalingLabels>): ScalingLabels => ({ ...SCALING_DEFAULTS, ...overrides });

describe('alertStep', () => {
  it.each([
    [20, 20, 4],
    [20, 0, 0],
    [20, 100, 20],
    [5, 20, 1],
    [1, 1, 1],
    [3, 50, 2],
    [1000, 1, 10],
  ])('max %i with factor %i steps by %i', (max, factor, step) => {
    expect(alertStep({ max, factor })).toBe(step);
  });
});

describe('alertReplicas', () => {
  it.each<[string, AlertStatus, number, Partial<ScalingLabels>, number]>([
    ['firing adds one step', 'firing', 1, {}, 5],
    ['firing adds a step from the middle', 'firing', 5, {}, 9],
    ['firing stops at max', 'firing', 18, {}, 20],
    ['firing at max stays at max', 'firing', 20, {}, 20],
    ['firing with factor 100 jumps to max', 'firing', 1, { factor: 100 }, 20],
    ['firing with a small max steps by at least one', 'firing', 1, { max: 3, factor: 10 }, 2],
    ['firing never lands below min', 'firing', 0, { min: 5, max: 10, factor: 10 }, 5],
    ['firing with factor 0 keeps the count', 'firing', 3, { factor: 0 }, 3],
    ['resolved goes back to min', 'resolved', 17, {}, 1],
    ['resolved goes back to a higher min', 'resolved', 17, { min: 4 }, 4],
    ['resolved at min stays at min', 'resolved', 1, {}, 1],
    ['resolved with factor 0 keeps the count', 'resolved', 7, { factor: 0 }, 7],
    ['resolved leaves an idled function at zero', 'resolved', 0, { zero: true }, 0],
    ['resolved wakes a function at zero that may not idle', 'resolved', 0, { zero: false }, 1],
    ['resolved with min 0 goes to zero', 'resolved', 6, { min: 0 }, 0],
  ])('%s', (_what, status, current, labels, expected) => {
    expect(alertReplicas(status, current, scaling(labels))).toBe(expected);
  });

  it.each<[Record<string, string>, number, string]>([
    [
      { 'com.openfaas.scale.max': 'lots' },
      5,
      'com.openfaas.scale.max: "lots" is not a whole number from 1 to 1000, using 20',
    ],
    [
      { 'com.openfaas.scale.factor': '-5' },
      5,
      'com.openfaas.scale.factor: "-5" is not a whole number from 0 to 100, using 20',
    ],
    [
      { 'com.openfaas.scale.min': '1.5' },
      5,
      'com.openfaas.scale.min: "1.5" is not a whole number from 0 to 1000, using 1',
    ],
  ])('uses the defaults, with a warning, for bad labels %j', (labels, expected, warning) => {
    const { value, warnings } = readScalingLabels(labels);
    expect(warnings).toEqual([warning]);
    expect(alertReplicas('firing', 1, value)).toBe(expected);
  });
});

describe('wakeReplicas', () => {
  it.each([
    [1, 20, 1],
    [0, 20, 1],
    [3, 20, 3],
    [5, 5, 5],
  ])('min %i, max %i wakes %i replicas', (min, max, expected) => {
    expect(wakeReplicas({ min, max })).toBe(expected);
  });
});

describe('replicasForConcurrency', () => {
  it.each([
    [10, 2, {}, 5],
    [9, 2, {}, 5],
    [0, 2, {}, 1],
    [0, 2, { min: 0 }, 1],
    [0, 2, { min: 3 }, 3],
    [100, 2, { max: 4 }, 4],
    [4.000000000001, 2, {}, 2],
    [0.3, 1, {}, 1],
  ])('concurrency %d with target %i gives %j → %i', (concurrency, target, labels, expected) => {
    expect(replicasForConcurrency(concurrency, target, scaling(labels))).toBe(expected);
  });
});
