import { MemoryLogger } from '@faas/service-kit';
import { createProviderApp } from '../src/create-provider-app.js';
import type { ProviderApp } from '../src/create-provider-app.js';
import { createFakeProvider } from './fake-roles.js';
import type { FakeProvider } from './fake-roles.js';
import { listen } from './helpers.js';

let fake: FakeProvider;
let app: ProviderApp;
let provider: Awaited<ReturnType<typeof listen>>;

const line = (text: string) => ({
  name: 'echo',
  namespace: 'openfaas-fn',
  instance: 'echo-1',
  timestamp: '2026-01-01T00:00:00.000Z',
  text,
});

beforeEach(async () => {
  fake = createFakeProvider();
  app = createProviderApp(fake.roles, { logger: new MemoryLogger() });
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
  fake.logLines.push(line('first'), line('second'), line('third'));
});
afterEach(async () => {
  app.close();
  await provider.close();
});

describe('GET /system/logs', () => {
  it('streams NDJSON, one object per line, honouring tail', async () => {
    const res = await fetch(`${provider.url}/system/logs?name=echo&tail=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string });
    expect(lines.map((l) => l.text)).toEqual(['second', 'third']);
  });

  it('sends lines to a follower as they come, and stops reading when the follower goes away', async () => {
    const aborter = new AbortController();
    const res = await fetch(`${provider.url}/system/logs?name=echo&tail=0&follow=true`, {
      signal: aborter.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    fake.pushLog(line('live'));
    const { value } = await reader.read();
    expect(JSON.parse(Buffer.from(value as Uint8Array).toString())).toEqual(line('live'));
    aborter.abort();
    await new Promise((r) => setTimeout(r, 50));
    const text = await (await fetch(`${provider.url}/metrics`)).text();
    expect(text).toContain('provider_http_requests_total{code="200",method="GET",path="/system/logs"} 1');
  });

  it.each([
    ['name=nope', 404, 'No such function: nope in namespace openfaas-fn.\n'],
    ['', 400, 'invalid log query: name: required\n'],
    ['name=echo&tail=x', 422, 'invalid log query: tail: "x" must be a whole number\n'],
    ['name=echo&since=yesterday', 422, expect.stringContaining('since: "yesterday" must be an RFC 3339')],
  ])('answers ?%s with %i', async (query, status, body) => {
    const res = await fetch(`${provider.url}/system/logs?${query}`);
    expect(res.status).toBe(status);
    expect(await res.text()).toEqual(body);
  });
});
