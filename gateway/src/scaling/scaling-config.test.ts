import { ConfigError, loadConfig } from '@faas/service-kit';
import { scalingConfigTable, scalingSettings } from './scaling-config.js';

const load = (env: Record<string, string>) => ({
  ...loadConfig(scalingConfigTable, env),
  functionNamespace: 'openfaas-fn',
});

describe('scaling configuration', () => {
  it('turns everything on with Knative-like windows by default', () => {
    expect(scalingSettings(load({}))).toEqual({
      defaultNamespace: 'openfaas-fn',
      scaleFromZero: true,
      scaleFromZeroTimeoutMs: 30_000,
      scaleToZero: true,
      autoscaler: true,
      stableWindowMs: 60_000,
      panicWindowMs: 6_000,
      tickMs: 1_000,
      refreshMs: 2_000,
    });
  });

  it.each([
    ['scale_from_zero', 'false', 'scaleFromZero', false],
    ['scale_from_zero_timeout', '5s', 'scaleFromZeroTimeoutMs', 5_000],
    ['scale_to_zero', 'off', 'scaleToZero', false],
    ['autoscaler', 'false', 'autoscaler', false],
    ['autoscaler_stable_window', '30s', 'stableWindowMs', 30_000],
    ['autoscaler_panic_window', '2s', 'panicWindowMs', 2_000],
    ['autoscaler_interval', '500ms', 'tickMs', 500],
    ['scaling_refresh_interval', '5', 'refreshMs', 5_000],
  ])('reads %s=%s', (env, raw, key, value) => {
    expect(scalingSettings(load({ [env]: raw }))[key as 'tickMs']).toEqual(value);
  });

  it.each([
    ['autoscaler_interval', '0', 'autoscaler_interval: "0" must be longer than 0, use e.g. 1s'],
    ['scale_from_zero_timeout', 'soon', 'scale_from_zero_timeout: "soon" is not a duration, use 10s or 10'],
  ])('refuses %s=%s', (env, raw, problem) => {
    expect(() => load({ [env]: raw })).toThrow(ConfigError);
    try {
      load({ [env]: raw });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([problem]);
    }
  });

  it('refuses a panic window that is not shorter than the stable window, unless the autoscaler is off', () => {
    const env = { autoscaler_stable_window: '10s', autoscaler_panic_window: '10s' };
    expect(() => scalingSettings(load(env))).toThrow(
      'autoscaler_panic_window: must be shorter than autoscaler_stable_window (10000 ms), use e.g. a tenth of it',
    );
    expect(scalingSettings(load({ ...env, autoscaler: 'false' })).autoscaler).toBe(false);
  });
});
