// The invocation proxy against a fake provider and real function servers on port 0.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { echoFunction, listen } from './support/servers.js';
import type { Echo, Started } from './support/servers.js';

let provider: FakeProvider;
let fn: Started;
let gw: Harness;

beforeAll(async () => {
  fn = await listen(echoFunction('a'));
  provider = await new FakeProvider().start();
  provider.add('echo', [fn.url]);
  provider.add('echo', [fn.url], 'team-a');
  gw = await startGateway(provider.url);
});

afterAll(async () => {
  await gw.close();
  await provider.close();
  await fn.close();
});

describe('/function/{name}', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    'forwards %s with its body straight to a ready replica',
    async (method) => {
      const body = method === 'GET' || method === 'OPTIONS' ? undefined : `body of ${method}`;
      const res = await send(`${gw.url}/function/echo`, { method, body });
      expect(res.status).toBe(200);
      expect(res.headers['x-replica']).toBe('a');
      const echo = JSON.parse(res.text) as Echo;
      expect(echo.method).toBe(method);
      expect(echo.url).toBe('/');
      expect(echo.body).toBe(body ?? '');
    },
  );

  it('forwards HEAD and returns the headers without a body', async () => {
    const res = await send(`${gw.url}/function/echo`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['x-replica']).toBe('a');
    expect(res.text).toBe('');
  });

  it.each([
    ['/function/echo', '/'],
    ['/function/echo/', '/'],
    ['/function/echo?x=1', '/?x=1'],
    ['/function/echo/a/b?x=1&y=2', '/a/b?x=1&y=2'],
    ['/function/echo.team-a/deep/path', '/deep/path'],
  ])('sends %s to the function as %s', async (path, seen) => {
    const res = await send(`${gw.url}${path}`);
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as Echo).url).toBe(seen);
  });

  it('drops hop-by-hop headers, sets X-Forwarded-*, and stamps call id and start time both ways', async () => {
    const res = await send(`${gw.url}/function/echo`, {
      method: 'POST',
      headers: {
        connection: 'keep-alive, x-private',
        'x-private': 'p',
        te: 'trailers',
        'x-custom': 'kept',
        host: 'public.example:8080',
      },
      body: 'hi',
    });
    const seen = (JSON.parse(res.text) as Echo).headers;
    expect(seen['x-custom']).toBe('kept');
    expect(seen['x-private']).toBeUndefined();
    expect(seen.te).toBeUndefined();
    expect(seen['x-forwarded-host']).toBe('public.example:8080');
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-call-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen['x-start-time']).toMatch(/^\d{19}$/);
    expect(res.headers['x-call-id']).toBe(seen['x-call-id']);
    expect(res.headers['x-start-time']).toBe(seen['x-start-time']);
  });

  it('sends X-Forwarded-For as plain IPv4 from a dual-stack listener, not ::ffff:127.0.0.1', async () => {
    // Listening on every interface (as the gateway does in a container) makes IPv4 peers IPv4-mapped.
    const dual = createServer(gw.gateway.app.handler);
    await new Promise<void>((resolve) => dual.listen(0, resolve));
    try {
      const { port } = dual.address() as AddressInfo;
      const res = await send(`http://127.0.0.1:${port}/function/echo`);
      expect((JSON.parse(res.text) as Echo).headers['x-forwarded-for']).toBe('127.0.0.1');
    } finally {
      dual.closeAllConnections();
      await new Promise((resolve) => dual.close(resolve));
    }
  });

  it('keeps the caller X-Call-Id and X-Forwarded-For', async () => {
    const res = await send(`${gw.url}/function/echo`, {
      headers: { 'x-call-id': 'call-123', 'x-forwarded-for': '10.9.8.7' },
    });
    const seen = (JSON.parse(res.text) as Echo).headers;
    expect(seen['x-call-id']).toBe('call-123');
    expect(seen['x-forwarded-for']).toBe('10.9.8.7');
    expect(res.headers['x-call-id']).toBe('call-123');
  });

  it('answers 404 from the gateway for a function the provider does not know', async () => {
    const res = await send(`${gw.url}/function/nope`);
    expect(res.status).toBe(404);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('Function not found: nope.openfaas-fn.\n');
  });

  it.each(['/function/', '/function/bad$name', '/function/a%20b'])(
    'answers 404 for the invalid name in %s',
    async (path) => {
      const res = await send(`${gw.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers['x-openfaas-internal']).toBe('gateway');
    },
  );
});

describe('POST / (the original routing)', () => {
  it('invokes the function named by X-Function', async () => {
    const res = await send(`${gw.url}/?q=1`, {
      method: 'POST',
      headers: { 'x-function': 'echo' },
      body: 'by header',
    });
    expect(res.status).toBe(200);
    const echo = JSON.parse(res.text) as Echo;
    expect(echo.body).toBe('by header');
    expect(echo.url).toBe('/?q=1');
  });

  it('answers 404 when X-Function names no function', async () => {
    const res = await send(`${gw.url}/`, { method: 'POST', headers: { 'x-function': 'ghost' }, body: 'x' });
    expect(res.status).toBe(404);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
  });

  it('invokes the function named by an Alexa intent, lower-cased, with the whole body', async () => {
    const alexa = JSON.stringify({
      session: { sessionId: 's1', application: { applicationId: 'app' } },
      request: { type: 'IntentRequest', intent: { name: 'Echo', slots: {} } },
    });
    const res = await send(`${gw.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: alexa,
    });
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as Echo).body).toBe(alexa);
  });

  it.each([
    ['plain text', 'hello'],
    ['JSON without an intent', '{"request":{"type":"LaunchRequest"}}'],
  ])('answers 400 for %s without X-Function', async (_what, body) => {
    const res = await send(`${gw.url}/`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toMatch(/No X-Function header and no Alexa intent/);
  });

  it('redirects GET / to the UI', async () => {
    const res = await send(`${gw.url}/`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/ui/');
  });
});
