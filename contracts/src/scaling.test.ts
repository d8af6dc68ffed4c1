import { readScalingLabels, scalingLabelProblems, SCALING_DEFAULTS } from './scaling.js';
import { parseDurationMs } from './duration.js';

describe('readScalingLabels', () => {
  it('applies the defaults when no label is set', () => {
    expect(readScalingLabels(undefined)).toEqual({ value: SCALING_DEFAULTS, warnings: [] });
    expect(SCALING_DEFAULTS).toEqual({ min: 1, max: 20, factor: 20, zero: false, zeroDurationMs: 900_000 });
  });

  it('reads every label', () => {
    const { value, warnings } = readScalingLabels({
      'com.openfaas.scale.min': '0',
      'com.openfaas.scale.max': '5',
      'com.openfaas.scale.factor': '0',
      'com.openfaas.scale.zero': 'true',
      'com.openfaas.scale.zero-duration': '2m',
      'com.openfaas.scale.target': '3',
    });
    expect(warnings).toEqual([]);
    expect(value).toEqual({ min: 0, max: 5, factor: 0, zero: true, zeroDurationMs: 120_000, target: 3 });
  });

  it.each([
    [
      'com.openfaas.scale.min',
      'two',
      'com.openfaas.scale.min: "two" is not a whole number from 0 to 1000, using 1',
    ],
    [
      'com.openfaas.scale.max',
      '0',
      'com.openfaas.scale.max: "0" is not a whole number from 1 to 1000, using 20',
    ],
    [
      'com.openfaas.scale.factor',
      '150',
      'com.openfaas.scale.factor: "150" is not a whole number from 0 to 100, using 20',
    ],
    ['com.openfaas.scale.zero', 'yes', 'com.openfaas.scale.zero: "yes" is not true or false, using false'],
    [
      'com.openfaas.scale.zero-duration',
      'soon',
      'com.openfaas.scale.zero-duration: "soon" is not a duration like 15m, using 15m',
    ],
    [
      'com.openfaas.scale.target',
      '-1',
      'com.openfaas.scale.target: "-1" is not a whole number from 1 to 10000, using 0',
    ],
  ])('falls back to the default for a bad %s with a warning', (key, raw, warning) => {
    const { value, warnings } = readScalingLabels({ [key]: raw });
    expect(warnings).toEqual([warning]);
    expect(value).toEqual(SCALING_DEFAULTS);
  });

  it.each(['0x10', '1e1', ' 5', '5.0', '+5', ''])(
    'reads only whole numbers: %j for com.openfaas.scale.min falls back to 1',
    (raw) => {
      const { value, warnings } = readScalingLabels({ 'com.openfaas.scale.min': raw });
      expect(value.min).toBe(1);
      expect(warnings).toEqual([
        `com.openfaas.scale.min: "${raw}" is not a whole number from 0 to 1000, using 1`,
      ]);
    },
  );

  it('names the same problems, without the fallback, for a deployment to refuse', () => {
    expect(
      scalingLabelProblems({ 'com.openfaas.scale.max': '0x10', 'com.openfaas.scale.zero': 'yes' }),
    ).toEqual([
      {
        field: 'labels.com.openfaas.scale.max',
        message: '"0x10" is not a whole number from 1 to 1000',
      },
      { field: 'labels.com.openfaas.scale.zero', message: '"yes" is not true or false' },
    ]);
    expect(scalingLabelProblems({ 'com.openfaas.scale.min': '2', 'com.openfaas.scale.max': '4' })).toEqual(
      [],
    );
  });

  it('corrects a min above max to max, with a warning', () => {
    const { value, warnings } = readScalingLabels({
      'com.openfaas.scale.min': '9',
      'com.openfaas.scale.max': '3',
    });
    expect(value.min).toBe(3);
    expect(warnings).toEqual(['com.openfaas.scale.min: 9 is above com.openfaas.scale.max 3, using 3']);
  });
});

describe('parseDurationMs', () => {
  it.each([
    ['90', 90_000],
    ['15m', 900_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['250ms', 250],
  ])('reads %s', (raw, ms) => {
    expect(parseDurationMs(raw)).toBe(ms);
  });
  it.each(['', 'soon', '15x', 'm'])('refuses %j', (raw) => {
    expect(parseDurationMs(raw)).toBeUndefined();
  });
});
