import { DEFAULT_QUEUE_NAME, isValidQueueName, queueNameOf, retryOverridesOf } from './annotations.js';

describe('queueNameOf', () => {
  it.each([
    [undefined, DEFAULT_QUEUE_NAME],
    [null, DEFAULT_QUEUE_NAME],
    [{}, DEFAULT_QUEUE_NAME],
    [{ 'com.openfaas.queue': ' ' }, DEFAULT_QUEUE_NAME],
    [{ 'com.openfaas.queue': 'slow-jobs' }, 'slow-jobs'],
  ])('reads %j as queue %s', (annotations, expected) => {
    expect(queueNameOf(annotations)).toBe(expected);
  });
});

describe('isValidQueueName', () => {
  it.each([
    ['faas-request', true],
    ['slow_jobs2', true],
    ['a.b', false],
    ['a b', false],
    ['', false],
    ['x'.repeat(65), false],
  ])('%s → %s', (name, valid) => {
    expect(isValidQueueName(name)).toBe(valid);
  });
});

describe('retryOverridesOf', () => {
  it('reads every retry annotation', () => {
    expect(
      retryOverridesOf({
        'com.openfaas.retry.attempts': '7',
        'com.openfaas.retry.codes': '429, 503',
        'com.openfaas.retry.min_wait': '250ms',
        'com.openfaas.retry.max_wait': '1m',
      }),
    ).toEqual({
      overrides: { attempts: 7, codes: [429, 503], minWaitMs: 250, maxWaitMs: 60_000 },
      problems: [],
    });
  });

  it('returns no overrides when the function has none', () => {
    expect(retryOverridesOf({ other: 'x' })).toEqual({ overrides: undefined, problems: [] });
  });

  it.each([
    ['com.openfaas.retry.attempts', '0'],
    ['com.openfaas.retry.attempts', 'many'],
    ['com.openfaas.retry.codes', '503,abc'],
    ['com.openfaas.retry.codes', '700'],
    ['com.openfaas.retry.min_wait', 'soon'],
  ])('skips %s=%s and names it as a problem', (key, value) => {
    expect(retryOverridesOf({ [key]: value })).toEqual({
      overrides: undefined,
      problems: [`${key}: "${value}" is not usable`],
    });
  });
});
