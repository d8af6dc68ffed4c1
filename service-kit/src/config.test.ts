import { loadConfig, describeConfig, parse, ConfigError } from './config.js';

const table = {
  port: { env: 'port', description: 'TCP port', parse: parse.integer(1, 65535), default: 8080 },
  execTimeout: { env: 'exec_timeout', description: 'kill after', parse: parse.duration, default: 0 },
  mode: {
    env: 'mode',
    description: 'run mode',
    parse: parse.oneOf(['classic', 'http'] as const),
    default: 'classic',
  },
  fprocess: { env: 'fprocess', description: 'command to run', parse: parse.string },
  debug: { env: 'write_debug', description: 'log output', parse: parse.boolean, default: false },
  upstream: {
    env: 'upstream_url',
    description: 'target',
    parse: parse.url,
    default: undefined as string | undefined,
  },
};

describe('loadConfig', () => {
  it('applies defaults and parses what is set', () => {
    const config = loadConfig(table, { fprocess: 'cat', exec_timeout: '1m30s', write_debug: 'true' });
    expect(config).toEqual({
      port: 8080,
      execTimeout: 90_000,
      mode: 'classic',
      fprocess: 'cat',
      debug: true,
      upstream: undefined,
    });
  });

  it('freezes the result', () => {
    const config = loadConfig(table, { fprocess: 'cat' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every bad variable at once, each with its fix', () => {
    let error: unknown;
    try {
      loadConfig(table, { exec_timeout: 'ten', mode: 'turbo', port: '99999', upstream_url: 'ftp://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'port: "99999" is not a whole number between 1 and 65535',
      'exec_timeout: "ten" is not a duration, use 10s or 10',
      'mode: "turbo" is not one of classic, http',
      'fprocess: required. command to run',
      'upstream_url: "ftp://x" is not an http(s) URL, use e.g. http://127.0.0.1:8081',
    ]);
    expect((error as Error).message).toContain('Invalid configuration:\n  port:');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(table, { fprocess: 'cat', port: '' }).port).toBe(8080);
  });

  it('renders the table as Markdown rows for the README', () => {
    const md = describeConfig(table);
    expect(md).toContain('| `exec_timeout` | `0` | kill after |');
    expect(md).toContain('| `fprocess` | `required` | command to run |');
    expect(md).toContain('| `upstream_url` | — | target |');
  });
});
