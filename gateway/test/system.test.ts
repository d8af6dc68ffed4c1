// /system/* forwarding, auth, info, logs, health and the 501 placeholders.
import { request as httpRequest } from 'node:http';
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { ADMIN_AUTH, startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { deadUrl } from './support/servers.js';
import { basicAuthorization } from '../src/auth/credentials.js';
import { forwardedRoutes } from '../src/routes/system-routes.js';
import { machineArch } from '../src/routes/gateway-handlers.js';

let provider: FakeProvider;
let gw: Harness;
/** The gateway's own credentials toward the provider differ from nothing the client sends. */
const PROVIDER_AUTH = ADMIN_AUTH;

beforeAll(async () => {
  provider = await new FakeProvider(PROVIDER_AUTH).start();
  provider.add('f', []);
  gw = await startGateway(provider.url);
});

afterAll(async () => {
  await gw.close();
  await provider.close();
});

const auth = { authorization: ADMIN_AUTH };

describe('forwarding to the provider', () => {
  it('forwards every /system route of the provider contract', () => {
    expect(forwardedRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      [
        'DELETE /system/functions',
        'DELETE /system/namespace/{name}',
        'DELETE /system/secrets',
        'GET /system/function/{name}',
        'GET /system/functions',
        'GET /system/namespace/{name}',
        'GET /system/namespaces',
        'GET /system/secrets',
        'POST /system/functions',
        'POST /system/namespace/',
        'POST /system/namespace/{name}',
        'POST /system/scale-function/{name}',
        'POST /system/secrets',
        'PUT /system/functions',
        'PUT /system/namespace/{name}',
        'PUT /system/secrets',
      ].sort(),
    );
  });

  it.each([
    ['POST', '/system/functions', '{"service":"f","image":"i"}'],
    ['PUT', '/system/functions', '{"service":"f","image":"i"}'],
    ['GET', '/system/secrets?namespace=openfaas-fn', ''],
    ['POST', '/system/secrets', '{"name":"s","value":"v"}'],
    ['PUT', '/system/secrets', '{"name":"s","value":"v"}'],
    ['DELETE', '/system/secrets', '{"name":"s"}'],
    ['GET', '/system/namespaces', ''],
    ['GET', '/system/function/f?namespace=openfaas-fn&usage=1', ''],
    ['PUT', '/system/namespace/team-a', ''],
    // faas-cli `namespace create` (go-sdk) POSTs to the collection path, without a Content-Type.
    ['POST', '/system/namespace/', '{"name":"team-b","labels":{"openfaas":"1"}}'],
  ])('forwards %s %s with its body and the gateway credentials', async (method, path, body) => {
    const before = provider.received.length;
    const res = await send(`${gw.url}${path}`, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBeLessThan(300);
    const got = provider.received.slice(before).find((r) => r.url === path && r.method === method);
    expect(got).toEqual({ method, url: path, authorization: PROVIDER_AUTH, body });
    expect(res.headers['x-call-id']).toBeDefined();
  });

  it('passes the provider status through (404 for an unknown function)', async () => {
    const res = await send(`${gw.url}/system/function/ghost`, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.text).toBe('Function not found.');
  });

  it.each([
    ['DELETE', '/system/functions?namespace=team-q', { functionName: 'f', namespace: 'team-b' }, 'team-q'],
    ['DELETE', '/system/functions', { functionName: 'f', namespace: 'team-b' }, 'team-b'],
    [
      'POST',
      '/system/scale-function/f?namespace=team-q',
      { serviceName: 'f', replicas: 0, namespace: 'team-b' },
      'team-q',
    ],
    ['POST', '/system/scale-function/f?namespace=team-q', { serviceName: 'f', replicas: 2 }, 'team-q'],
  ])('%s %s sends the namespace the caller meant (query wins)', async (method, path, body, expected) => {
    const before = provider.received.length;
    const res = await send(`${gw.url}${path}`, { method, headers: auth, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    const got = provider.received.slice(before).find((r) => r.method === method);
    expect(got?.url).toBe(path);
    expect(JSON.parse(got?.body ?? '{}')).toEqual({ ...body, namespace: expected });
  });

  it('answers 404 for a /system path that is not in the contract', async () => {
    const res = await send(`${gw.url}/system/nothing-here`, { headers: auth });
    expect(res.status).toBe(404);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
  });
});

describe('basic auth', () => {
  it.each([
    ['GET', '/system/functions'],
    ['POST', '/system/functions'],
    ['DELETE', '/system/functions'],
    ['GET', '/system/info'],
    ['GET', '/system/logs?name=f'],
    ['POST', '/system/scale-function/f'],
    ['GET', '/system/secrets'],
    ['POST', '/system/alert'],
    ['GET', '/ui/'],
  ])('answers 401 with WWW-Authenticate to %s %s without credentials', async (method, path) => {
    const before = provider.received.length;
    const res = await send(`${gw.url}${path}`, { method });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="Restricted"');
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(provider.received.length).toBe(before);
  });

  it.each([
    ['a wrong password', basicAuthorization({ user: 'admin', password: 'nope' })],
    ['a wrong user', basicAuthorization({ user: 'root', password: 's3cret-pw' })],
    ['a bearer token', 'Bearer abc'],
    ['garbage', 'Basic !!!'],
  ])('answers 401 to %s', async (_what, authorization) => {
    const res = await send(`${gw.url}/system/functions`, { headers: { authorization } });
    expect(res.status).toBe(401);
  });

  it('lets invocations, /healthz and /metrics through without credentials', async () => {
    expect((await send(`${gw.url}/healthz`)).status).toBe(200);
    expect((await send(`${gw.url}/metrics`)).status).toBe(200);
  });

  it('needs no credentials when basic_auth=false and sends none of its own', async () => {
    const open = await new FakeProvider().start();
    const g = await startGateway(open.url, { basic_auth: 'false' });
    try {
      const res = await send(`${g.url}/system/functions`);
      expect(res.status).toBe(200);
      expect(open.calls('/system/functions')[0]?.authorization).toBeUndefined();
    } finally {
      await g.close();
      await open.close();
    }
  });
});

describe('info, logs, health', () => {
  it.each([
    ['x64', 'amd64'],
    ['arm64', 'arm64'],
    ['arm', 'arm'],
    ['ia32', '386'],
    ['ppc64', 'ppc64le'],
    ['s390x', 's390x'],
  ])("names Node's %s architecture %s, as Go (and OpenFaaS's /system/info) does", (node, go) => {
    expect(machineArch(node)).toBe(go);
  });

  it("wraps the provider's info", async () => {
    const res = await send(`${gw.url}/system/info`, { headers: auth });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      provider: { provider: 'fake', orchestration: 'local', version: { release: '9.9.9', sha: 'abc' } },
      version: { release: '0.1.0', sha: 'test' },
      arch: machineArch(),
    });
  });

  it('streams logs line by line as the provider sends them', async () => {
    provider.logLines = ['{"text":"one"}', '{"text":"two"}', '{"text":"three"}'];
    provider.logIntervalMs = 200;
    const arrivals: { at: number; text: string }[] = [];
    const started = Date.now();
    const status = await new Promise<number>((resolve, reject) => {
      httpRequest(`${gw.url}/system/logs?name=f&follow=true`, { headers: auth }, (res) => {
        expect(res.headers['content-type']).toBe('application/x-ndjson');
        res.on('data', (c: Buffer) => arrivals.push({ at: Date.now() - started, text: c.toString() }));
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    expect(arrivals.map((a) => a.text).join('')).toBe('{"text":"one"}\n{"text":"two"}\n{"text":"three"}\n');
    expect(arrivals[0]?.text).toBe('{"text":"one"}\n');
    expect(arrivals[0]?.at).toBeLessThan(200);
    expect(provider.calls('/system/logs')[0]?.url).toBe('/system/logs?name=f&follow=true');
  });

  it('answers /healthz 200 while the provider answers, 503 when it does not', async () => {
    expect((await send(`${gw.url}/healthz`)).status).toBe(200);
    provider.healthy = false;
    try {
      const res = await send(`${gw.url}/healthz`);
      expect(res.status).toBe(503);
      expect(res.headers['x-openfaas-internal']).toBe('gateway');
      expect(res.text).toBe('Provider unavailable.\n');
    } finally {
      provider.healthy = true;
    }
  });
});

describe('when the provider is down', () => {
  it.each([
    ['GET', '/system/functions', 502, "Can't reach the provider."],
    ['POST', '/system/functions', 502, "Can't reach the provider."],
    ['GET', '/system/info', 502, "Can't reach the provider."],
    ['GET', '/system/logs?name=f', 502, "Can't reach the provider."],
    ['GET', '/healthz', 503, 'Provider unavailable.'],
  ])('%s %s answers %i from the gateway', async (method, path, status, message) => {
    const g = await startGateway(await deadUrl());
    try {
      const res = await send(`${g.url}${path}`, {
        method,
        headers: auth,
        body: method === 'POST' ? '{}' : undefined,
      });
      expect(res.status).toBe(status);
      expect(res.headers['x-openfaas-internal']).toBe('gateway');
      expect(res.text).toBe(`${message}\n`);
    } finally {
      await g.close();
    }
  });
});

describe('optional features', () => {
  it.each([['/async-function/f'], ['/async-function/f/a/b']])(
    'POST %s answers 501 saying how to turn async on, when the gateway has no queue',
    async (path) => {
      const res = await send(`${gw.url}${path}`, { method: 'POST', headers: auth, body: '' });
      expect(res.status).toBe(501);
      expect(res.headers['x-openfaas-internal']).toBe('gateway');
      expect(res.text).toBe(
        'Asynchronous invocation is off on this gateway: set queue_backend=nats (npm start has it built in).\n',
      );
    },
  );

  it('serves the web UI at /ui/ behind basic auth', async () => {
    const ok = await send(`${gw.url}/ui/`, { method: 'GET', headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/html/);
    expect(ok.text).toContain('<html');
    const refused = await send(`${gw.url}/ui/`, { method: 'GET' });
    expect(refused.status).toBe(401);
  });

  it('lets an extra route module replace a placeholder', async () => {
    const g = await startGateway(
      provider.url,
      {},
      {
        extraModules: [
          { name: 'alert', register: (r) => void r.post('/system/alert', (_q, s) => void s.send('scaled')) },
        ],
      },
    );
    try {
      const res = await send(`${g.url}/system/alert`, { method: 'POST', headers: auth, body: '{}' });
      expect(res.status).toBe(200);
      expect(res.text).toBe('scaled');
    } finally {
      await g.close();
    }
  });
});
