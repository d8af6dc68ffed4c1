// A known path asked with a method none of its routes take: 405 with Allow, after auth.
import { send } from './support/client.js';
import { FakeProvider } from './support/fake-provider.js';
import { ADMIN_AUTH, startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';

let provider: FakeProvider;
let gw: Harness;

beforeAll(async () => {
  provider = await new FakeProvider(ADMIN_AUTH).start();
  gw = await startGateway(provider.url);
});

afterAll(async () => {
  await gw.close();
  await provider.close();
});

describe('methods a path does not take', () => {
  it.each([
    ['TRACE', '/system/functions', 'GET, HEAD, POST, PUT, DELETE'],
    ['PATCH', '/healthz', 'GET, HEAD'],
    ['DELETE', '/system/info', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await send(`${gw.url}${path}`, { method, headers: { authorization: ADMIN_AUTH } });
    expect(res.status).toBe(405);
    expect(String(res.headers.allow).split(', ').sort()).toEqual(allow.split(', ').sort());
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toBe(`Method not allowed: ${method} ${path} takes ${String(res.headers.allow)}.\n`);
  });

  it('asks for credentials first under /system', async () => {
    expect((await send(`${gw.url}/system/functions`, { method: 'TRACE' })).status).toBe(401);
  });

  it('answers 404 for a path no route has', async () => {
    const res = await send(`${gw.url}/nowhere`, { method: 'TRACE' });
    expect(res.status).toBe(404);
    expect(res.headers.allow).toBeUndefined();
  });
});
