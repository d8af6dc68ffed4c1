import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, describeConfig } from '@faas/service-kit';
import { loadConfig, splitCommand, watchdogSettings } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ fprocess: 'cat' });
    expect(config).toMatchObject({
      mode: 'classic',
      port: 8080,
      metricsPort: 8081,
      readTimeout: 10_000,
      writeTimeout: 10_000,
      execTimeout: 0,
      healthcheckInterval: 10_000,
      combineOutput: true,
      cgiHeaders: true,
      marshalRequest: false,
      suppressLock: false,
      lockFilePath: '/tmp/.lock',
      maxInflight: 0,
      maxBodySize: 32 * 1024 * 1024,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['10', 10_000],
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['500ms', 500],
  ])('reads the duration %s as %d ms', (raw, ms) => {
    expect(loadConfig({ fprocess: 'cat', exec_timeout: raw }).execTimeout).toBe(ms);
  });

  it('defaults exec_timeout to 30s in http mode', () => {
    expect(
      loadConfig({ fprocess: 'node server.js', mode: 'http', upstream_url: 'http://127.0.0.1:3000' })
        .execTimeout,
    ).toBe(30_000);
  });

  it('defaults healthcheck_interval to write_timeout', () => {
    expect(loadConfig({ fprocess: 'cat', write_timeout: '3s' }).healthcheckInterval).toBe(3000);
    expect(
      loadConfig({ fprocess: 'cat', write_timeout: '3s', healthcheck_interval: '1' }).healthcheckInterval,
    ).toBe(1000);
  });

  it('accepts of-watchdog\'s "serializing" as classic mode', () => {
    expect(loadConfig({ fprocess: 'cat', mode: 'serializing' }).mode).toBe('classic');
  });

  it('needs no fprocess in static mode', () => {
    expect(loadConfig({ mode: 'static' }).mode).toBe('static');
  });

  it('reports every bad variable at once, each with its fix', () => {
    const problems = problemsOf({ exec_timeout: 'ten', mode: 'fast', max_inflight: '-1' });
    expect(problems).toEqual(
      expect.arrayContaining([
        'exec_timeout: "ten" is not a duration, use 10s or 10',
        expect.stringMatching(/^mode: "fast" is not one of classic, streaming, http, static/),
        expect.stringMatching(/^max_inflight: "-1" is not a whole number/),
        'fprocess: required except in static mode, set it to the command to run, e.g. fprocess=cat',
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('reports a missing fprocess with an example', () => {
    expect(problemsOf({ exec_timeout: 'ten' })).toEqual([
      'exec_timeout: "ten" is not a duration, use 10s or 10',
      'fprocess: required in classic mode, set it to the command to run, e.g. fprocess=cat',
    ]);
  });

  it('requires upstream_url in http mode', () => {
    expect(problemsOf({ fprocess: 'node server.js', mode: 'http' })).toEqual([
      'upstream_url: required in http mode, e.g. upstream_url=http://127.0.0.1:3000',
    ]);
  });

  it.each([
    ['port', '70000'],
    ['metrics_port', 'x'],
    ['write_debug', 'maybe'],
    ['max_body_size', 'huge'],
    ['upstream_url', 'ftp://x'],
  ])('rejects %s=%s', (name, value) => {
    const problems = problemsOf({ fprocess: 'cat', [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: "${value.replace(/[/.]/g, '\\$&')}"`));
  });

  it('is documented in README.md by exactly the table describeConfig generates', () => {
    const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
    const table = /<!-- config-table:start -->\n([\s\S]*?)\n<!-- config-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(describeConfig(watchdogSettings));
  });

  it('documents every variable in one table', () => {
    const table = describeConfig(watchdogSettings);
    for (const name of [
      'fprocess',
      'mode',
      'exec_timeout',
      'max_inflight',
      'max_body_size',
      'lock_file_path',
      'metrics_port',
    ]) {
      expect(table).toContain(`| \`${name}\` |`);
    }
  });
});

describe('splitCommand', () => {
  it('splits on whitespace without a shell', () => {
    expect(splitCommand('python3  index.py --flag "a b"')).toEqual({
      command: 'python3',
      args: ['index.py', '--flag', '"a', 'b"'],
    });
  });
});
