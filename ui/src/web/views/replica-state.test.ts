import { readinessOf } from './replica-state.js';

describe('readiness', () => {
  it.each([
    [1, 1, 'ready'],
    [2, 3, 'ready'],
    [2, 1, 'partly-ready'],
    [1, 0, 'not-ready'],
    [0, 0, 'scaled-to-zero'],
    [0, 1, 'ready'],
  ])('is %s desired, %s available → %s', (replicas, availableReplicas, state) => {
    expect(readinessOf({ replicas, availableReplicas })).toBe(state);
  });
});
