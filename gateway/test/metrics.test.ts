// The gateway's metrics (gateway/README.md) and invocationCount in the function list.
import { until } from '@faas/service-kit/testing';
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

async function setup(
  env: Record<string, string> = {},
): Promise<{ gw: Harness; provider: FakeProvider; fn: Started }> {
  const fn = await listen((req, res) => {
    if (req.url === '/fail') {
      res.writeHead(500);
      return void res.end('no');
    }
    void echoFunction()(req, res);
  });
  const provider = await new FakeProvider().start();
  provider.add('f', [fn.url], 'openfaas-fn', 3);
  provider.add('g', [fn.url], 'openfaas-fn', 1);
  const gw = await startGateway(provider.url, env);
  cleanups.push(fn.close, () => provider.close(), gw.close);
  return { gw, provider, fn };
}

async function metricsText(gw: Harness): Promise<string> {
  const res = await send(`${gw.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.text;
}

/** /metrics once `done` holds for it (the refresh runs every 50 ms), or the last one after 3 s. */
async function metricsWhen(gw: Harness, done: (text: string) => boolean): Promise<string> {
  return until(
    'the metrics to show it',
    async () => {
      const text = await metricsText(gw);
      return done(text) ? text : undefined;
    },
    3_000,
    50,
  ).catch(() => metricsText(gw));
}

describe('/metrics', () => {
  it('counts invocations by function_name and code, and their start and duration', async () => {
    const { gw } = await setup();
    await send(`${gw.url}/function/f`);
    await send(`${gw.url}/function/f`, { method: 'POST', body: 'x' });
    await send(`${gw.url}/function/f/fail`);
    await send(`${gw.url}/function/ghost`);
    const text = await metricsText(gw);
    expect(text).toContain('gateway_function_invocation_total{function_name="f.openfaas-fn",code="200"} 2');
    expect(text).toContain('gateway_function_invocation_total{function_name="f.openfaas-fn",code="500"} 1');
    expect(text).toContain('gateway_function_invocation_started{function_name="f.openfaas-fn"} 3');
    expect(text).toContain('gateway_functions_seconds_count{function_name="f.openfaas-fn",code="200"} 2');
    expect(text).toMatch(
      /gateway_functions_seconds_bucket\{le="0.005",function_name="f.openfaas-fn",code="200"\} \d/,
    );
    expect(text).not.toContain('ghost');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('counts X-Function and Alexa invocations under the function they name', async () => {
    const { gw } = await setup();
    await send(`${gw.url}/`, { method: 'POST', headers: { 'x-function': 'g' }, body: 'x' });
    await send(`${gw.url}/`, { method: 'POST', body: '{"request":{"intent":{"name":"G"}}}' });
    expect(await metricsText(gw)).toContain(
      'gateway_function_invocation_total{function_name="g.openfaas-fn",code="200"} 2',
    );
  });

  it('reports desired replicas in gateway_service_count, refreshed from the provider', async () => {
    const { gw, provider } = await setup({ service_count_interval: '50ms' });
    gw.gateway.start();
    let text = await metricsWhen(gw, (t) =>
      t.includes('gateway_service_count{function_name="g.openfaas-fn"}'),
    );
    expect(text).toContain('gateway_service_count{function_name="f.openfaas-fn"} 3');
    expect(text).toContain('gateway_service_count{function_name="g.openfaas-fn"} 1');
    provider.functions.delete('g.openfaas-fn');
    text = await metricsWhen(gw, (t) => !t.includes('gateway_service_count{function_name="g.openfaas-fn"}'));
    expect(text).toContain('gateway_service_count{function_name="f.openfaas-fn"} 3');
    expect(text).not.toContain('gateway_service_count{function_name="g.openfaas-fn"}');
  });

  it('keeps one registry per app: two gateways in one process count separately', async () => {
    const a = await setup();
    const b = await setup();
    await send(`${a.gw.url}/function/f`);
    expect(await metricsText(a.gw)).toContain(
      'gateway_function_invocation_total{function_name="f.openfaas-fn",code="200"} 1',
    );
    expect(await metricsText(b.gw)).not.toContain('gateway_function_invocation_total{');
  });
});

describe('bounded series', () => {
  /** Sends `count` requests, `width` at a time. */
  async function flood(
    count: number,
    width: number,
    request: (i: number) => Promise<unknown>,
  ): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < count) await request(next++);
      }),
    );
  }

  it.each([
    ['direct invocation', 10_000, {}],
    ['direct_invocation=false', 1_000, { direct_invocation: 'false' }],
    ['a provider without the endpoints route', 1_000, { endpoints: 'missing-501' }],
  ])(
    'records none of many unknown caller-chosen names (%s, %i names): /metrics stays the same size',
    async (_case, count, options) => {
      const { endpoints, ...env } = options as Record<string, string>;
      const { gw, provider } = await setup(env);
      if (endpoints) provider.endpoints = endpoints as 'missing-501';
      await send(`${gw.url}/function/f`);
      const before = (await metricsText(gw)).length;
      const statuses = new Set<number>();
      const padding = 'x'.repeat(200);
      await flood(count, 20, async (i) => {
        // Unknown names in the default namespace, and names in a namespace the provider refuses (400).
        const name = i % 2 ? `ghost-${i}-${padding}` : `ghost-${i}.ns-${i}`;
        statuses.add((await send(`${gw.url}/function/${name}`, { method: 'POST', body: 'x' })).status);
      });
      expect([...statuses]).toEqual([404]);
      const text = await metricsText(gw);
      expect(text).not.toContain('ghost-');
      // Process metrics (heap, handles) move a little; 10,000 series would add megabytes.
      expect(text.length).toBeLessThan(before + 2_000);
      expect(text).toContain('gateway_function_invocation_total{function_name="f.openfaas-fn",code="200"} 1');
    },
    120_000,
  );

  it('forwards a call the provider cannot confirm (it is failing) without counting it', async () => {
    const { gw, provider } = await setup();
    provider.failLookups = true;
    const res = await send(`${gw.url}/function/f`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(res.headers['x-via']).toBe('provider');
    expect(await metricsText(gw)).not.toContain('function_name="f.openfaas-fn"');
  });

  it("drops a deleted function's series at the next refresh, keeping the others", async () => {
    const { gw, provider } = await setup({ service_count_interval: '50ms' });
    gw.gateway.start();
    await send(`${gw.url}/function/f`);
    await send(`${gw.url}/function/g`);
    await send(`${gw.url}/function/g/fail`);
    let text = await metricsText(gw);
    expect(text).toContain('gateway_function_invocation_total{function_name="g.openfaas-fn",code="500"} 1');
    provider.functions.delete('g.openfaas-fn');
    text = await metricsWhen(gw, (t) => !t.includes('function_name="g.openfaas-fn"'));
    expect(text).not.toContain('function_name="g.openfaas-fn"');
    expect(text).toContain('gateway_function_invocation_total{function_name="f.openfaas-fn",code="200"} 1');
    expect(text).toContain('gateway_functions_seconds_count{function_name="f.openfaas-fn",code="200"} 1');
    // Deployed again, it is counted afresh.
    provider.add('g', [provider.functions.get('f.openfaas-fn')!.replicas[0]!]);
    await send(`${gw.url}/function/g`);
    expect(await metricsText(gw)).toContain(
      'gateway_function_invocation_total{function_name="g.openfaas-fn",code="200"} 1',
    );
  });

  it('keeps every series while the provider cannot list its functions', async () => {
    const { gw, provider } = await setup({ service_count_interval: '50ms' });
    await send(`${gw.url}/function/g`);
    provider.failLists = true;
    provider.functions.delete('g.openfaas-fn');
    gw.gateway.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(await metricsText(gw)).toContain(
      'gateway_function_invocation_total{function_name="g.openfaas-fn",code="200"} 1',
    );
  });
});

describe('invocationCount in GET /system/functions', () => {
  const list = async (gw: Harness): Promise<{ name: string; invocationCount: number }[]> => {
    const res = await send(`${gw.url}/system/functions`, { headers: { authorization: ADMIN_AUTH } });
    expect(res.status).toBe(200);
    return (JSON.parse(res.text) as { name: string; invocationCount: number }[]).map(
      ({ name, invocationCount }) => ({
        name,
        invocationCount,
      }),
    );
  };

  it("comes from the gateway's own counters when no Prometheus is configured", async () => {
    const { gw } = await setup();
    await send(`${gw.url}/function/f`);
    await send(`${gw.url}/function/f/fail`);
    expect(await list(gw)).toEqual([
      { name: 'f', invocationCount: 2 },
      { name: 'g', invocationCount: 0 },
    ]);
  });

  it('comes from Prometheus when faas_prometheus_host is set', async () => {
    let query = '';
    const prometheus = await listen((req, res) => {
      query = new URL(req.url ?? '', 'http://x').searchParams.get('query') ?? '';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: [{ metric: { function_name: 'g.openfaas-fn' }, value: [1, '41'] }],
          },
        }),
      );
    });
    cleanups.push(prometheus.close);
    const { gw } = await setup({
      faas_prometheus_host: '127.0.0.1',
      faas_prometheus_port: String(prometheus.port),
    });
    expect(await list(gw)).toEqual([
      { name: 'f', invocationCount: 0 },
      { name: 'g', invocationCount: 41 },
    ]);
    expect(query).toBe(
      'sum(gateway_function_invocation_total{function_name=~".*", code=~".*"}) by (function_name)',
    );
  });

  it('returns the list unenriched, with a warning, when Prometheus is down', async () => {
    const dead = new URL(await deadUrl());
    const { gw } = await setup({ faas_prometheus_host: '127.0.0.1', faas_prometheus_port: dead.port });
    expect(await list(gw)).toEqual([
      { name: 'f', invocationCount: 0 },
      { name: 'g', invocationCount: 0 },
    ]);
    expect(
      gw.logger.entries.some((e) => e.level === 'warn' && /invocation counts unavailable/.test(e.msg)),
    ).toBe(true);
  });
});
