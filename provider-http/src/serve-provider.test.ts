import { request } from 'node:http';
import type { RequestListener } from 'node:http';
import { ConfigError, MemoryLogger } from '@faas/service-kit';
import { listen } from '../test/helpers.js';
import { loadOrExit, serveProvider } from './serve-provider.js';
import type { ServedProvider } from './serve-provider.js';

const hello: RequestListener = (_req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end('hello');
};

function serve(
  handler: RequestListener,
  events: string[],
  logger = new MemoryLogger(),
): Promise<ServedProvider> {
  return serveProvider({
    name: 'faas test provider',
    handler,
    port: 0,
    host: '127.0.0.1',
    logger,
    fields: { orchestration: 'test', auth: 'off' },
    release: () => void events.push('released'),
    drainMs: 2_000,
    signals: [],
    exit: (code) => void events.push(`exit ${code}`),
  });
}

describe('serveProvider', () => {
  it('listens with the handler, keeps connections alive 65 s and says where it listens', async () => {
    const logger = new MemoryLogger();
    const events: string[] = [];
    const served = await serve(hello, events, logger);
    try {
      const res = await fetch(`${served.url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain');
      expect(await res.text()).toBe('hello');
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(served.server.keepAliveTimeout).toBe(65_000);
      expect(logger.entries).toEqual([
        {
          level: 'info',
          msg: 'faas test provider listening',
          fields: { url: served.url, orchestration: 'test', auth: 'off' },
        },
      ]);
    } finally {
      await served.stop('test');
    }
  });

  it('on stop lets an in-flight request finish, then releases and exits 0, once', async () => {
    const events: string[] = [];
    let answer: () => void = () => undefined;
    const slow: RequestListener = (_req, res) => {
      answer = () => res.end('late');
      events.push('request');
    };
    const logger = new MemoryLogger();
    const served = await serve(slow, events, logger);
    const body = new Promise<string>((resolve, reject) => {
      request(`${served.url}/slow`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      })
        .on('error', reject)
        .end();
    });
    while (!events.includes('request')) await new Promise((r) => setTimeout(r, 5));
    const stopped = served.stop('SIGTERM');
    const again = served.stop('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['request']);
    answer();
    expect(await body).toBe('200 late');
    await Promise.all([stopped, again]);
    expect(events).toEqual(['request', 'released', 'exit 0']);
    expect(served.server.listening).toBe(false);
    expect(logger.entries.filter((e) => e.msg === 'stopping')).toEqual([
      { level: 'info', msg: 'stopping', fields: { signal: 'SIGTERM' } },
    ]);
  });

  it('rejects when the port is already taken', async () => {
    const taken = await listen(hello);
    try {
      const port = Number(new URL(taken.url).port);
      await expect(
        serveProvider({
          name: 'faas test provider',
          handler: hello,
          port,
          host: '127.0.0.1',
          logger: new MemoryLogger(),
          release: () => undefined,
          signals: [],
        }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await taken.close();
    }
  });
});

class Exited extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
class ClusterError extends Error {}

describe('loadOrExit', () => {
  const run = <T>(load: () => T, alsoExitOn: (typeof ClusterError)[] = []) => {
    const lines: string[] = [];
    const exit = (code: number): never => {
      throw new Exited(code);
    };
    try {
      return {
        value: loadOrExit('provider-test', load, { alsoExitOn, write: (l) => lines.push(l), exit }),
        lines,
      };
    } catch (err) {
      return { error: err, lines };
    }
  };

  it('returns what the loader returns', () => {
    expect(run(() => ({ port: 8081 }))).toEqual({ value: { port: 8081 }, lines: [] });
  });

  it.each([
    ['a ConfigError', () => new ConfigError(['port: "x" is not a whole number']), []],
    ['an error of a listed class', () => new ClusterError('no way to reach the cluster'), [ClusterError]],
  ])('prints %s with the process name and exits 2', (_what, error, alsoExitOn) => {
    const err = error();
    const result = run(() => {
      throw err;
    }, alsoExitOn);
    expect(result.error).toEqual(new Exited(2));
    expect(result.lines).toEqual([`provider-test: ${err.message}\n`]);
  });

  it('rethrows any other error without printing or exiting', () => {
    const err = new Error('boom');
    const result = run(() => {
      throw err;
    });
    expect(result.error).toBe(err);
    expect(result.lines).toEqual([]);
  });
});
