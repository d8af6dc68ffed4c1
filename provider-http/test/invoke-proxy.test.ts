import { createServer, request as httpRequest } from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type { FunctionStatus } from '@faas/contracts';
import { MemoryLogger } from '@faas/service-kit';
import { createProviderApp } from '../src/create-provider-app.js';
import type { ProviderApp } from '../src/create-provider-app.js';
import { createFakeProvider } from './fake-roles.js';
import type { FakeProvider } from './fake-roles.js';
import { listen } from './helpers.js';

type Listening = Awaited<ReturnType<typeof listen>>;

let fake: FakeProvider;
let app: ProviderApp;
let provider: Listening;
const upstreams: Listening[] = [];

/** An upstream that answers with what it received, as JSON, plus its own tag. */
async function echoUpstream(tag: string): Promise<string> {
  const up = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/redirect') {
        res.writeHead(302, { Location: '/elsewhere' });
        res.end();
        return;
      }
      res.writeHead(201, {
        'Content-Type': 'application/json',
        'X-Tag': tag,
        Connection: 'keep-alive, X-Private',
        'X-Private': 'hop',
        'Proxy-Authenticate': 'Basic',
      });
      res.end(
        JSON.stringify({
          tag,
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  upstreams.push(up);
  return up.url;
}

beforeEach(async () => {
  fake = createFakeProvider();
  app = createProviderApp(fake.roles, { logger: new MemoryLogger(), auth: { user: 'a', password: 'b' } });
  provider = await listen(app);
  fake.functions.set('openfaas-fn/echo', {
    name: 'echo',
    image: 'x',
    namespace: 'openfaas-fn',
    labels: { faas_function: 'echo' },
    readOnlyRootFilesystem: false,
    replicas: 1,
    availableReplicas: 1,
    invocationCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
  });
});
afterEach(async () => {
  app.close();
  await provider.close();
  await Promise.all(upstreams.splice(0).map((u) => u.close()));
});

describe('invoke proxy', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])(
    'forwards %s with path remainder, query, headers and body',
    async (method) => {
      fake.replicaUrls.set('openfaas-fn/echo', [await echoUpstream('one')]);
      const hasBody = method !== 'GET';
      const res = await fetch(`${provider.url}/function/echo/a/b?x=1&y=two`, {
        method,
        headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
        ...(hasBody ? { body: 'hello' } : {}),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-tag')).toBe('one');
      expect(res.headers.get('x-private')).toBeNull();
      expect(res.headers.get('proxy-authenticate')).toBeNull();
      const seen = (await res.json()) as {
        method: string;
        url: string;
        headers: Record<string, string>;
        body: string;
      };
      expect(seen.method).toBe(method);
      expect(seen.url).toBe('/a/b?x=1&y=two');
      expect(seen.headers['x-custom']).toBe('yes');
      expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
      expect(seen.headers['x-forwarded-host']).toBe(new URL(provider.url).host);
      expect(seen.body).toBe(hasBody ? 'hello' : '');
    },
  );

  it('sends X-Forwarded-For as plain IPv4 from a dual-stack listener, not ::ffff:127.0.0.1', async () => {
    fake.replicaUrls.set('openfaas-fn/echo', [await echoUpstream('one')]);
    const dual = createServer(app);
    await new Promise<void>((resolve) => dual.listen(0, resolve));
    try {
      const { port } = dual.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/function/echo`);
      const seen = (await res.json()) as { headers: Record<string, string> };
      expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    } finally {
      dual.closeAllConnections();
      await new Promise((resolve) => dual.close(resolve));
    }
  });

  it('sends / to the function when there is no path remainder, and resolves name.namespace', async () => {
    fake.functions.set('team-a/echo', {
      ...(fake.functions.get('openfaas-fn/echo') as FunctionStatus),
      namespace: 'team-a',
    });
    fake.replicaUrls.set('team-a/echo', [await echoUpstream('team')]);
    const res = await fetch(`${provider.url}/function/echo.team-a?q=1`);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { url: string }).url).toBe('/?q=1');
  });

  it('passes a 302 through without following it', async () => {
    fake.replicaUrls.set('openfaas-fn/echo', [await echoUpstream('one')]);
    const res = await fetch(`${provider.url}/function/echo/redirect`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/elsewhere');
  });

  it('balances per request across replicas, even on one keep-alive connection', async () => {
    fake.replicaUrls.set('openfaas-fn/echo', [await echoUpstream('one'), await echoUpstream('two')]);
    const tags: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${provider.url}/function/echo`);
      tags.push(String(res.headers.get('x-tag')));
      await res.arrayBuffer();
    }
    expect(tags).toEqual(['one', 'two', 'one', 'two']);
  });

  it('streams a large request body through', async () => {
    fake.replicaUrls.set('openfaas-fn/echo', [await echoUpstream('one')]);
    const big = 'z'.repeat(3 * 1024 * 1024);
    const res = await fetch(`${provider.url}/function/echo`, { method: 'POST', body: big });
    expect(((await res.json()) as { body: string }).body.length).toBe(big.length);
  });

  it.each([
    ['no ready replica', 'echo', [], 503, 'No endpoints available for: echo.\n'],
    ['an unknown function', 'nope', undefined, 404, 'No such function: nope.\n'],
    ['an unreachable replica', 'echo', ['http://127.0.0.1:1'], 502, "Can't reach service for: echo.\n"],
    ['an invalid name', 'a%20b', undefined, 404, 'No such function: a%20b.\n'],
    ['a failing resolver', 'explodes', undefined, 500, 'Internal error, see the provider log.\n'],
  ])('answers %s with its status, marked as the proxy', async (_what, name, urls, status, body) => {
    if (urls) fake.replicaUrls.set('openfaas-fn/echo', urls);
    const res = await fetch(`${provider.url}/function/${name}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('x-openfaas-internal')).toBe('proxy');
    expect(await res.text()).toBe(body);
  });

  it('needs no credentials and counts invocations under the templated path', async () => {
    fake.replicaUrls.set('openfaas-fn/echo', [await echoUpstream('one')]);
    await (await fetch(`${provider.url}/function/echo/x/y`)).arrayBuffer();
    await (await fetch(`${provider.url}/function/echo`)).arrayBuffer();
    const text = await (await fetch(`${provider.url}/metrics`)).text();
    expect(text).toContain(
      'provider_http_requests_total{code="201",method="GET",path="/function/{name}/{path}"} 1',
    );
    expect(text).toContain('provider_http_requests_total{code="201",method="GET",path="/function/{name}"} 1');
  });

  it('answers 504 when the function does not answer within the invoke timeout', async () => {
    const slow = await listen(() => undefined);
    upstreams.push(slow);
    const timed = createProviderApp(fake.roles, { logger: new MemoryLogger(), invokeTimeoutMs: 100 });
    const server = await listen(timed);
    fake.replicaUrls.set('openfaas-fn/echo', [slow.url]);
    const res = await fetch(`${server.url}/function/echo`);
    expect(res.status).toBe(504);
    expect(await res.text()).toBe('Timed out waiting for: echo.\n');
    timed.close();
    await server.close();
  });

  it('aborts the upstream request when the caller goes away', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const hanging = await listen((req) => req.on('close', () => upstreamClosed()));
    upstreams.push(hanging);
    fake.replicaUrls.set('openfaas-fn/echo', [hanging.url]);
    const req = httpRequest(`${provider.url}/function/echo`);
    req.on('error', () => undefined);
    req.end();
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await expect(closed).resolves.toBeUndefined();
  });
});

describe('invoke proxy: WebSockets', () => {
  /** A replica whose WebSocket server answers `<url>:<message>`. */
  async function wsUpstream(): Promise<string> {
    const up = await listen((_req, res) => res.end('plain'));
    const wss = new WebSocketServer({ noServer: true });
    up.server.on('upgrade', (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) =>
        ws.on('message', (m) => ws.send(`${req.url}:${String(m)}`)),
      ),
    );
    upstreams.push(up);
    return up.url;
  }

  function open(url: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url.replace(/^http/, 'ws'));
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  it('relays an upgrade on /function/{name} to a ready replica', async () => {
    fake.replicaUrls.set('openfaas-fn/echo', [await wsUpstream()]);
    provider.server.on('upgrade', app.upgrade);
    const ws = await open(`${provider.url}/function/echo/room?x=1`);
    const answer = await new Promise<string>((resolve) => {
      ws.once('message', (m) => resolve(String(m)));
      ws.send('hi');
    });
    expect(answer).toBe('/room?x=1:hi');
    ws.close();
  });

  it.each([
    ['an unknown function', '/function/nope', 'status 404'],
    ['a function without ready replicas', '/function/echo', 'status 503'],
  ])('answers %s with its error status', async (_what, path, error) => {
    fake.replicaUrls.set('openfaas-fn/echo', []);
    provider.server.on('upgrade', app.upgrade);
    await expect(open(`${provider.url}${path}`)).rejects.toThrow(error);
  });
});
