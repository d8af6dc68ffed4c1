import { backoffMs, policyFor, retryAfterMs, type RetryPolicy } from './retry-policy.js';

const policy: RetryPolicy = { attempts: 5, codes: [429, 502, 503, 504], minWaitMs: 1000, maxWaitMs: 10_000 };

describe('backoffMs', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0, 1000],
    [2, 1, 2000],
    [3, 0.5, 3000],
    [4, 1, 8000],
    [5, 1, 10_000],
    [9, 0, 5000],
  ])('after attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffMs(policy, attempt, () => random)).toBe(expected);
  });

  it('honours Retry-After up to the longest wait', () => {
    expect(backoffMs(policy, 1, () => 0, 4000)).toBe(4000);
    expect(backoffMs(policy, 1, () => 0, 60_000)).toBe(10_000);
  });
});

describe('retryAfterMs', () => {
  it.each([
    [undefined, undefined],
    ['3', 3000],
    ['0', 0],
    ['soon', undefined],
    ['Thu, 01 Jan 1970 00:00:05 GMT', 5000],
  ])('reads %s as %s', (header, expected) => {
    expect(retryAfterMs(header, 0)).toBe(expected);
  });
});

describe('policyFor', () => {
  it("lays a function's overrides over the worker's defaults", () => {
    expect(policyFor(policy, { attempts: 2, codes: [500] })).toEqual({
      ...policy,
      attempts: 2,
      codes: [500],
    });
    expect(policyFor(policy, undefined)).toEqual(policy);
  });
});
