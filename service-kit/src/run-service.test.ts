import { createServer, request } from 'node:http';
import type { RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from './config.js';
import { MemoryLogger } from './logger.js';
import { runService, serve } from './run-service.js';
import { until } from './testing/net.js';
import type { RunningService, Service } from './run-service.js';

const hello: RequestListener = (_req, res) => {
  res.setHeader('Content-Type', 'text/plain');
  res.end('hello');
};

function serveTest(
  handler: RequestListener,
  events: string[],
  logger = new MemoryLogger(),
): Promise<RunningService> {
  return serve(
    {
      title: 'faas test provider',
      http: { handler, port: 0, host: '127.0.0.1' },
      logger,
      fields: { orchestration: 'test', auth: 'off' },
      release: () => void events.push('released'),
      drainMs: 2_000,
    },
    { signals: [], exit: (code) => void events.push(`exit ${code}`) },
  );
}

describe('serve', () => {
  it('listens with the handler, keeps connections alive 65 s and says where it listens', async () => {
    const logger = new MemoryLogger();
    const events: string[] = [];
    const served = await serveTest(hello, events, logger);
    try {
      const res = await fetch(`${served.url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain');
      expect(await res.text()).toBe('hello');
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(served.server?.keepAliveTimeout).toBe(65_000);
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
    const served = await serveTest(slow, events, logger);
    const body = new Promise<string>((resolve, reject) => {
      request(`${served.url}/slow`, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      })
        .on('error', reject)
        .end();
    });
    await until('the request to arrive', () => events.includes('request'), 5_000, 5);
    const stopped = served.stop('SIGTERM');
    const again = served.stop('SIGINT');
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['request']);
    answer();
    expect(await body).toBe('200 late');
    await Promise.all([stopped, again]);
    expect(events).toEqual(['request', 'released', 'exit 0']);
    expect(served.server?.listening).toBe(false);
    expect(logger.entries.filter((e) => e.msg === 'stopping')).toEqual([
      { level: 'info', msg: 'stopping', fields: { signal: 'SIGTERM' } },
    ]);
  });

  it('rejects when the port is already taken', async () => {
    const taken = await listen(hello);
    try {
      await expect(
        serve(
          {
            title: 'faas test provider',
            http: { handler: hello, port: taken.port, host: '127.0.0.1' },
            logger: new MemoryLogger(),
          },
          { signals: [] },
        ),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      taken.server.close();
    }
  });

  it('without an HTTP server, starts the work and on stop releases it and exits 0', async () => {
    const events: string[] = [];
    const logger = new MemoryLogger();
    const running = await serve(
      {
        title: 'faas',
        logger,
        start: () => void events.push('started'),
        finish: async () => void events.push('finished'),
        release: () => void events.push('released'),
      },
      { signals: [], exit: (code) => void events.push(`exit ${code}`) },
    );
    expect(running.url).toBeUndefined();
    await running.stop('SIGINT');
    expect(events).toEqual(['started', 'finished', 'released', 'exit 0']);
    expect(logger.entries.map((e) => e.msg)).toEqual(['stopping', 'stopped']);
  });
});

async function listen(
  handler: RequestListener,
): Promise<{ server: ReturnType<typeof createServer>; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

class ClusterError extends Error {}

describe('runService', () => {
  const run = async (
    load: () => unknown,
    build: () => Service = () => ({ logger: new MemoryLogger() }),
    alsoExitOn: (typeof ClusterError)[] = [],
  ) => {
    const lines: string[] = [];
    const exits: number[] = [];
    const running = await runService({
      name: 'provider-test',
      load,
      build,
      alsoExitOn,
      env: {},
      signals: [],
      write: (l) => lines.push(l),
      exit: (code) => void exits.push(code),
      logger: () => new MemoryLogger(),
    });
    return { running, lines, exits };
  };

  it('builds from what the loader returns and serves it', async () => {
    const built: unknown[] = [];
    const { running, lines, exits } = await run(
      () => ({ port: 8081 }),
      () => {
        built.push('built');
        return { logger: new MemoryLogger() };
      },
    );
    expect(built).toEqual(['built']);
    expect(running).toBeDefined();
    expect({ lines, exits }).toEqual({ lines: [], exits: [] });
  });

  it.each([
    ['a ConfigError from the loader', () => new ConfigError(['port: "x" is not a whole number']), []],
    ['an error of a listed class', () => new ClusterError('no way to reach the cluster'), [ClusterError]],
  ])('prints %s with the process name and exits 2', async (_what, error, alsoExitOn) => {
    const err = error();
    const result = await run(
      () => {
        throw err;
      },
      undefined,
      alsoExitOn,
    );
    expect(result.running).toBeUndefined();
    expect(result.exits).toEqual([2]);
    expect(result.lines).toEqual([`provider-test: ${err.message}\n`]);
  });

  it('treats a ConfigError from the build (credentials) as a configuration problem too', async () => {
    const result = await run(
      () => ({}),
      () => {
        throw new ConfigError(['no basic-auth-user in /var/secrets']);
      },
    );
    expect(result.exits).toEqual([2]);
  });

  it('prints any other error with the process name and exits 1', async () => {
    const result = await run(() => {
      throw new Error('boom');
    });
    expect(result.exits).toEqual([1]);
    expect(result.lines).toEqual(['provider-test: boom\n']);
  });

  it('releases what was built when the port cannot be bound, then exits 1', async () => {
    const taken = await listen(hello);
    const events: string[] = [];
    try {
      const result = await run(
        () => ({}),
        () => ({
          logger: new MemoryLogger(),
          http: { handler: hello, port: taken.port, host: '127.0.0.1' },
          release: () => void events.push('released'),
        }),
      );
      expect(events).toEqual(['released']);
      expect(result.exits).toEqual([1]);
      expect(result.lines[0]).toMatch(/^provider-test: .*EADDRINUSE/);
    } finally {
      taken.server.close();
    }
  });
});
