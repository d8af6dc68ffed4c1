// Proxy behaviour with real upstream servers: streaming, redirects, timeouts, limits, fallbacks.
import { request as httpRequest } from 'node:http';
import { closeGracefully } from '@faas/service-kit';
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { ADMIN_AUTH, startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { deadUrl, echoFunction, listen } from './support/servers.js';
import type { Started } from './support/servers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A provider with one function `f` served by `handler`, and a gateway in front. */
async function setup(
  handler: Parameters<typeof listen>[0],
  env: Record<string, string> = {},
): Promise<{ gw: Harness; provider: FakeProvider; fn: Started }> {
  const fn = await listen(handler);
  const provider = await new FakeProvider().start();
  provider.add('f', [fn.url]);
  const gw = await startGateway(provider.url, env);
  cleanups.push(fn.close, () => provider.close(), gw.close);
  return { gw, provider, fn };
}

describe('responses', () => {
  it('passes a 302 through without following it', async () => {
    const { gw } = await setup((_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    const res = await send(`${gw.url}/function/f`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/elsewhere');
    expect(res.headers['x-openfaas-internal']).toBeUndefined();
  });

  it("passes the function's own 500 through, unmarked", async () => {
    const { gw } = await setup((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('my bug');
    });
    const res = await send(`${gw.url}/function/f`);
    expect(res.status).toBe(500);
    expect(res.text).toBe('my bug');
    expect(res.headers['x-openfaas-internal']).toBeUndefined();
  });

  it('flushes server-sent events as they come', async () => {
    let secondWrittenAt = 0;
    const { gw } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      setTimeout(() => {
        secondWrittenAt = Date.now();
        res.end('data: two\n\n');
      }, 300);
    });
    const chunks: { at: number; text: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      httpRequest(`${gw.url}/function/f`, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        res.on('data', (c: Buffer) => chunks.push({ at: Date.now(), text: c.toString() }));
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    expect(chunks[0]?.text).toBe('data: one\n\n');
    expect(chunks[0]?.at).toBeLessThan(secondWrittenAt);
    expect(chunks.map((c) => c.text).join('')).toBe('data: one\n\ndata: two\n\n');
  });

  it('sends the status line of a streamed response before its first body byte', async () => {
    // A log follow or an SSE function may answer its headers and then wait for a long time;
    // the client must see them at once, not with the first line.
    let release: () => void = () => undefined;
    const { gw } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.flushHeaders();
      release = () => res.end('{"text":"late"}\n');
    });
    const status = await new Promise<{ status: number; type: string | undefined; body: Promise<string> }>(
      (resolve, reject) => {
        httpRequest(`${gw.url}/function/f`, (res) => {
          const body = new Promise<string>((done) => {
            let text = '';
            res.on('data', (c: Buffer) => (text += c.toString()));
            res.on('end', () => done(text));
          });
          resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body });
        })
          .on('error', reject)
          .end();
      },
    );
    expect(status.status).toBe(200);
    expect(status.type).toBe('application/x-ndjson');
    release();
    expect(await status.body).toBe('{"text":"late"}\n');
  });
});

describe('errors the gateway makes', () => {
  it('answers 504 when the function does not answer within upstream_timeout', async () => {
    const { gw } = await setup(() => {}, { upstream_timeout: '200ms' });
    const started = Date.now();
    const res = await send(`${gw.url}/function/f`);
    expect(res.status).toBe(504);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toBe('Upstream timed out.\n');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['upstream_timeout is the shorter', { read_timeout: '1s', upstream_timeout: '300ms' }],
    ['read_timeout is the shorter', { read_timeout: '500ms', upstream_timeout: '5s' }],
  ])('answers 408, not 504, to a chunked body that never ends (%s)', async (_case, env) => {
    // The function waits for the whole body, as a classic watchdog does.
    const { gw } = await setup((req, res) => req.on('end', () => res.end('done')).resume(), env);
    const started = Date.now();
    const res = await new Promise<{ status: number; internal: unknown; text: string }>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/function/f`, { method: 'POST', agent: false }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () =>
          resolve({
            status: r.statusCode ?? 0,
            internal: r.headers['x-openfaas-internal'],
            text: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on('error', reject);
      const drip = setInterval(() => req.write('x'), 50);
      req.on('close', () => clearInterval(drip));
      req.write('x');
    });
    expect(res).toEqual({
      status: 408,
      internal: 'gateway',
      text: 'The request body did not arrive within read_timeout.\n',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('cuts a response that outlives write_timeout', async () => {
    const { gw } = await setup(
      (_req, res) => {
        res.writeHead(200);
        res.write('partial');
      },
      { write_timeout: '300ms', upstream_timeout: '200ms' },
    );
    await expect(send(`${gw.url}/function/f`)).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });

  it('answers 502 when neither the replica nor the provider can be reached', async () => {
    const gw = await startGateway(await deadUrl());
    cleanups.push(gw.close);
    const res = await send(`${gw.url}/function/f`);
    expect(res.status).toBe(502);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toBe("Can't reach service for: f.openfaas-fn.\n");
  });

  it('answers 413 for a declared body over max_body_size without calling the function', async () => {
    let called = false;
    const { gw } = await setup(
      (_req, res) => {
        called = true;
        res.end();
      },
      { max_body_size: '1KiB' },
    );
    const res = await send(`${gw.url}/function/f`, { method: 'POST', body: Buffer.alloc(2048) });
    expect(res.status).toBe(413);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toBe('Request body too large: the limit is 1024 bytes.\n');
    expect(called).toBe(false);
  });

  it('answers 413 for a chunked body that grows over max_body_size', async () => {
    const { gw } = await setup(() => {}, { max_body_size: '1KiB' });
    const res = await new Promise<{ status: number; internal: unknown }>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/function/f`, { method: 'POST', agent: false }, (r) => {
        r.resume();
        resolve({ status: r.statusCode ?? 0, internal: r.headers['x-openfaas-internal'] });
      });
      req.on('error', reject);
      req.write(Buffer.alloc(800));
      setTimeout(() => req.write(Buffer.alloc(800)), 50);
    });
    expect(res).toEqual({ status: 413, internal: 'gateway' });
  });

  it('stays up and serves the next request after each of these errors', async () => {
    const echo = echoFunction();
    const { gw } = await setup(
      (req, res) => {
        if (req.url === '/hang') return;
        if (req.url === '/die') return void res.socket?.destroy();
        void echo(req, res);
      },
      { upstream_timeout: '150ms', max_body_size: '1KiB' },
    );
    expect((await send(`${gw.url}/function/f/hang`)).status).toBe(504);
    expect((await send(`${gw.url}/function/f/die`)).status).toBe(502);
    expect((await send(`${gw.url}/function/f`, { method: 'POST', body: Buffer.alloc(4096) })).status).toBe(
      413,
    );
    const res = await send(`${gw.url}/function/f`, { method: 'POST', body: 'still here' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ body: 'still here' });
  });
});

describe('failed invocations in the log', () => {
  const failures = (gw: Harness) =>
    gw.logger.entries
      .filter((e) => e.msg === 'invocation failed')
      .map((e) => ({ level: e.level, ...e.fields }));

  it.each([
    ['crashes (500 from the watchdog)', 500, 'exit status 1\nTypeError: boom\n', 'exit status 1'],
    ['runs out of time in the watchdog (408)', 408, 'Killed process.\n', 'Killed process.'],
    ['answers 502 with no body', 502, '', 'answered 502'],
  ])('warns once per function when it %s, naming it and why', async (_case, status, body, reason) => {
    const { gw } = await setup((_req, res) => void res.writeHead(status).end(body));
    for (let i = 0; i < 5; i++) expect((await send(`${gw.url}/function/f`)).status).toBe(status);
    expect(failures(gw)).toEqual([
      { level: 'warn', function: 'f.openfaas-fn', status, reason, callId: expect.any(String) },
    ]);
  });

  it('warns when the function does not answer within upstream_timeout, once, and not as an error', async () => {
    const { gw } = await setup(() => undefined, { upstream_timeout: '200ms' });
    expect((await send(`${gw.url}/function/f`)).status).toBe(504);
    expect(failures(gw)).toEqual([
      {
        level: 'warn',
        function: 'f.openfaas-fn',
        status: 504,
        reason: 'no answer within upstream_timeout (0.2s)',
        callId: expect.any(String),
      },
    ]);
    expect(gw.logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('logs no routine read at info: the UI polling the function list is debug', async () => {
    const { gw } = await setup(echoFunction());
    const auth = { authorization: ADMIN_AUTH };
    for (let i = 0; i < 5; i++) {
      await send(`${gw.url}/system/functions`, { headers: auth });
      await send(`${gw.url}/system/namespaces`, { headers: auth });
      await send(`${gw.url}/function/f`);
    }
    expect(gw.logger.entries.filter((e) => e.level !== 'debug')).toEqual([]);
  });
});

describe('routing to replicas', () => {
  it('balances per request across ready replicas', async () => {
    const a = await listen(echoFunction('a'));
    const b = await listen(echoFunction('b'));
    const provider = await new FakeProvider().start();
    provider.add('f', [a.url, b.url]);
    const gw = await startGateway(provider.url);
    cleanups.push(a.close, b.close, () => provider.close(), gw.close);
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) seen.push((await send(`${gw.url}/function/f`)).headers['x-replica']);
    expect(seen).toEqual(['a', 'b', 'a', 'b']);
  });

  it('asks the provider for endpoints once per ttl, not per request', async () => {
    const { gw, provider } = await setup(echoFunction());
    for (let i = 0; i < 5; i++) expect((await send(`${gw.url}/function/f`)).status).toBe(200);
    expect(provider.calls('/system/endpoints/f')).toHaveLength(1);
  });

  it.each([
    ['PUT', '/system/functions', { service: 'f', image: 'i' }],
    ['PUT', '/system/secrets', { name: 's', value: 'v' }],
  ])('forgets the replicas it remembered once %s %s has passed through it', async (method, path, body) => {
    const { gw, provider } = await setup(echoFunction());
    expect((await send(`${gw.url}/function/f`)).status).toBe(200);
    const headers = { authorization: ADMIN_AUTH, 'content-type': 'application/json' };
    const changed = await send(`${gw.url}${path}`, { method, headers, body: JSON.stringify(body) });
    expect(changed.status).toBe(202);
    // The update rolls the function's replicas: the next call asks the provider where they are.
    expect((await send(`${gw.url}/function/f`)).status).toBe(200);
    expect(provider.calls('/system/endpoints/f')).toHaveLength(2);
  });

  it('falls back to the provider proxy when the replica refuses connections, body intact', async () => {
    const provider = await new FakeProvider().start();
    provider.add('f', [await deadUrl()]);
    const gw = await startGateway(provider.url);
    cleanups.push(() => provider.close(), gw.close);
    const res = await send(`${gw.url}/function/f/x?y=1`, { method: 'POST', body: 'payload' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      via: 'provider',
      function: 'f.openfaas-fn',
      path: '/x?y=1',
      body: 'payload',
      method: 'POST',
    });
  });

  it('falls back with a streamed (100 KB) body intact too: the refused replica never read it', async () => {
    const provider = await new FakeProvider().start();
    provider.add('f', [await deadUrl()]);
    const gw = await startGateway(provider.url);
    cleanups.push(() => provider.close(), gw.close);
    const body = 'y'.repeat(100_000);
    const res = await send(`${gw.url}/function/f`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ via: 'provider', body });
  });

  it('always invokes through the provider proxy with direct_invocation=false', async () => {
    const { gw, provider } = await setup(echoFunction(), { direct_invocation: 'false' });
    const res = await send(`${gw.url}/function/f/p?q=1`, { method: 'POST', body: 'b' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ via: 'provider', path: '/p?q=1', body: 'b' });
    expect(provider.calls('/system/endpoints/')).toHaveLength(0);
  });

  it.each(['missing-404', 'missing-501'] as const)(
    'invokes through the provider proxy when the provider lacks the endpoints route (%s)',
    async (mode) => {
      const { gw, provider } = await setup(echoFunction());
      provider.endpoints = mode;
      const res = await send(`${gw.url}/function/f`, { method: 'POST', body: 'b' });
      expect(res.status).toBe(200);
      expect(res.headers['x-via']).toBe('provider');
      const unknown = await send(`${gw.url}/function/ghost`);
      expect(unknown.status).toBe(404);
    },
  );
});

describe('bodies', () => {
  it('streams a 100 MB upload to the function, holding the caller back while the function does not read', async () => {
    // Bounded memory, shown without sampling the heap (garbage makes that a guess): the function
    // reads nothing until the caller has stopped making progress. A gateway that buffered bodies
    // would take all 100 MB first; one that streams with back-pressure stalls the caller after
    // what the socket buffers of both hops hold (a few MB each on loopback).
    const size = 100 * 1024 * 1024;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const { gw } = await setup((req, res) => {
      let bytes = 0;
      void released.then(() => {
        req.on('data', (c: Buffer) => (bytes += c.length));
        req.on('end', () => res.end(String(bytes)));
      });
    });
    let sent = 0;
    let stalledAt: number | undefined;
    let lastSent = -1;
    let quietTicks = 0;
    const watcher = setInterval(() => {
      quietTicks = sent === lastSent ? quietTicks + 1 : 0;
      lastSent = sent;
      if (stalledAt === undefined && (quietTicks >= 6 || sent >= size)) {
        if (sent < size) stalledAt = sent;
        release();
      }
    }, 50);
    const chunk = Buffer.alloc(64 * 1024, 7);
    const answer = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        `${gw.url}/function/f`,
        { method: 'POST', agent: false, headers: { 'content-length': size } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () => resolve(Buffer.concat(parts).toString()));
        },
      );
      req.on('error', reject);
      const pump = (): void => {
        while (sent < size) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    }).finally(() => clearInterval(watcher));
    expect(answer).toBe(String(size));
    expect(stalledAt).toBeDefined();
    expect(stalledAt).toBeLessThan(48 * 1024 * 1024);
  }, 60_000);

  it('does not leak a socket when the client disconnects mid-upload', async () => {
    let upstreamClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const { gw } = await setup((req) => {
      req.on('data', () => {});
      req.on('close', () => upstreamClosed());
    });
    const req = httpRequest(`${gw.url}/function/f`, {
      method: 'POST',
      agent: false,
      headers: { 'content-length': 1e6 },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(1000));
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await closed;
    await new Promise((r) => setTimeout(r, 50));
    const open = await new Promise<number>((resolve, reject) =>
      gw.server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
    );
    expect(open).toBe(0);
    const metrics = await send(`${gw.url}/metrics`);
    expect(metrics.text).toMatch(
      /gateway_function_invocation_total\{function_name="f.openfaas-fn",code="499"\} 1/,
    );
  });
});

describe('shutdown', () => {
  it('finishes an in-flight invocation, then refuses new connections', async () => {
    const { gw } = await setup((_req, res) => setTimeout(() => res.end('done late'), 300));
    const inFlight = send(`${gw.url}/function/f`);
    await new Promise((r) => setTimeout(r, 100));
    const closed = closeGracefully(gw.server, 5_000);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.text).toBe('done late');
    await closed;
    await expect(send(`${gw.url}/function/f`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
