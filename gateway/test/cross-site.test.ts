// CSRF: a page on another site may not change anything under /system, whatever credentials its
// browser attaches; the JSON routes take JSON only. faas-cli, our CLI and curl are unaffected.
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { ADMIN_AUTH, startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';

let provider: FakeProvider;
let gw: Harness;
let host: string;

beforeAll(async () => {
  provider = await new FakeProvider(ADMIN_AUTH).start();
  provider.add('f', []);
  gw = await startGateway(provider.url);
  host = new URL(gw.url).host;
});

afterAll(async () => {
  await gw.close();
  await provider.close();
});

const deployment = '{"service":"pwned","image":"x","envProcess":"touch /tmp/pwned"}';

/** Sends a request and says how many requests reached the provider because of it. */
async function attempt(method: string, path: string, headers: Record<string, string>, body = deployment) {
  const before = provider.received.length;
  const res = await send(`${gw.url}${path}`, { method, headers, body });
  return {
    status: res.status,
    text: res.text,
    internal: res.headers['x-openfaas-internal'],
    forwarded: provider.received.length - before,
  };
}

describe('cross-site requests', () => {
  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }, 'Origin: http://evil.example'],
    ['another port of the same host', { origin: 'http://127.0.0.1:1' }, 'Origin: http://127.0.0.1:1'],
    ['Origin: null (a sandboxed frame, a file)', { origin: 'null' }, 'Origin: null'],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }, 'Sec-Fetch-Site: cross-site'],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site' }, 'Sec-Fetch-Site: same-site'],
  ])(
    'refuses a deploy from %s with 403, credentials or not, forwarding nothing',
    async (_case, headers, reason) => {
      for (const auth of [{ authorization: ADMIN_AUTH }, {}] as Record<string, string>[]) {
        const got = await attempt('POST', '/system/functions', {
          ...auth,
          ...headers,
          'content-type': 'text/plain',
        });
        expect(got).toEqual({
          status: 403,
          internal: 'gateway',
          forwarded: 0,
          text: `Cross-site request refused (${reason}): changes under /system come from the gateway's own UI or from API clients, never from another site's page.\n`,
        });
      }
    },
  );

  it.each([
    ['PUT', '/system/functions'],
    ['DELETE', '/system/functions'],
    ['POST', '/system/secrets'],
    ['DELETE', '/system/secrets'],
    ['POST', '/system/scale-function/f'],
    ['POST', '/system/alert'],
    ['POST', '/system/namespace/'],
    ['POST', '/system/async/dead-letters/redrive'],
  ])('refuses %s %s from another site too', async (method, path) => {
    const got = await attempt(
      method,
      path,
      { authorization: ADMIN_AUTH, origin: 'https://evil.example' },
      '{}',
    );
    expect([got.status, got.forwarded]).toEqual([403, 0]);
  });

  it.each([
    ['no Origin (curl, faas-cli)', {}],
    ['its own Origin (the UI)', { origin: 'http://HOST', 'sec-fetch-site': 'same-origin' }],
    [
      'the Origin a reverse proxy forwards',
      { origin: 'https://faas.example', 'x-forwarded-host': 'faas.example' },
    ],
    ['Sec-Fetch-Site: none (typed by the user)', { 'sec-fetch-site': 'none' }],
  ])('lets a deploy with %s through', async (_case, headers) => {
    const own = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('HOST', host)]));
    const got = await attempt('POST', '/system/functions', {
      authorization: ADMIN_AUTH,
      'content-type': 'application/json',
      ...own,
    });
    expect([got.status, got.forwarded]).toEqual([202, 1]);
  });

  it('still answers reads from another site (its page cannot read them)', async () => {
    const got = await attempt(
      'GET',
      '/system/functions',
      { authorization: ADMIN_AUTH, origin: 'http://evil.example' },
      '',
    );
    expect(got.status).toBe(200);
  });
});

describe('JSON routes', () => {
  it.each([
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain;charset=UTF-8',
  ])('refuse a body sent as %s with 415, forwarding nothing', async (type) => {
    const got = await attempt('POST', '/system/functions', {
      authorization: ADMIN_AUTH,
      'content-type': type,
    });
    expect(got).toEqual({
      status: 415,
      internal: 'gateway',
      forwarded: 0,
      text: `Send the body as JSON with Content-Type: application/json (got ${type.split(';')[0]}; with curl: -H 'Content-Type: application/json').\n`,
    });
  });

  it.each([
    ['application/json', { 'content-type': 'application/json' }],
    ['application/json with a charset', { 'content-type': 'application/json; charset=utf-8' }],
    ['no Content-Type (Go clients: faas-cli namespace, go-sdk)', {}],
  ])('take a body sent as %s', async (_case, headers) => {
    const got = await attempt('POST', '/system/functions', { authorization: ADMIN_AUTH, ...headers });
    expect([got.status, got.forwarded]).toEqual([202, 1]);
  });

  it('ask for credentials first: 401, not 415, without them', async () => {
    const got = await attempt('POST', '/system/functions', { 'content-type': 'text/plain' });
    expect([got.status, got.forwarded]).toEqual([401, 0]);
  });
});
