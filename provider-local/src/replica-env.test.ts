import { FaasError } from '@faas/contracts';
import { replicaEnvironment } from './replica-env.js';

const base = { service: 'echo', image: 'img', envProcess: 'cat' };

describe('replicaEnvironment', () => {
  it('inherits only a few variables, lets envVars override defaults, and owns fprocess and the secrets path', () => {
    const { env, stopGraceMs } = replicaEnvironment(
      {
        ...base,
        envVars: { write_timeout: '3s', fprocess: 'ignored', metrics_port: '9999', GREETING: 'hi' },
      },
      '/data/functions/ns/echo/secrets',
      { PATH: '/usr/bin', HOME: '/home/me', AWS_SECRET_ACCESS_KEY: 'leak' },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      healthcheck_interval: '0',
      write_timeout: '3s',
      GREETING: 'hi',
      fprocess: 'cat',
      metrics_port: '0',
      bind_address: '127.0.0.1',
      secret_mount_path: '/data/functions/ns/echo/secrets',
    });
    expect(stopGraceMs).toBe(5000);
  });

  it('takes the command from envVars.fprocess when envProcess is absent, as the watchdog reads it', () => {
    const { env } = replicaEnvironment(
      { service: 'echo', image: 'img', envVars: { fprocess: 'cat', GREETING: 'hi' } },
      '/s',
      {},
    );
    expect(env).toMatchObject({ fprocess: 'cat', GREETING: 'hi' });
  });

  it.each([
    [
      'no envProcess',
      { service: 'echo', image: 'img' },
      /envProcess: required by the local provider \(or envVars\.fprocess\)/,
    ],
    [
      'an empty envVars.fprocess',
      { service: 'echo', image: 'img', envVars: { fprocess: ' ' } },
      /envProcess: required by the local provider/,
    ],
    [
      'a bad watchdog mode',
      { ...base, envVars: { mode: 'turbo' } },
      /watchdog settings: mode: "turbo" is not one of/,
    ],
    [
      'a bad timeout',
      { ...base, envVars: { write_timeout: 'ten' } },
      /write_timeout: "ten" is not a duration/,
    ],
    [
      'http mode without upstream_url',
      { ...base, envVars: { mode: 'http' } },
      /upstream_url: required in http mode/,
    ],
  ])('refuses %s with a 400 naming the problem', (_what, deployment, message) => {
    let error: unknown;
    try {
      replicaEnvironment(deployment, '/s', {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FaasError);
    expect((error as FaasError).status).toBe(400);
    expect((error as FaasError).message).toMatch(message);
  });
});
