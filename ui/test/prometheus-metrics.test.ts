import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createUiModule, toAssets } from '../src/index.js';
import { plainApp } from './support/plain-app.js';

const assets = async () =>
  toAssets('prebuilt dist/web', [{ path: 'index.html', contents: Buffer.from('<!doctype html>') }]);

/** A Prometheus HTTP API that answers query_range from a table keyed by the query's start. */
function fakePrometheus(
  answer: (query: string) => [number, string][] | 'error',
): Promise<{ url: string; queries: URLSearchParams[]; server: Server }> {
  const queries: URLSearchParams[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    queries.push(url.searchParams);
    const values = url.pathname === '/api/v1/query_range' ? answer(url.searchParams.get('query')!) : 'error';
    res.setHeader('content-type', 'application/json');
    if (values === 'error')
      res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 1' }));
    else
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: values.length ? [{ metric: {}, values }] : [] },
        }),
      );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, queries, server }),
    ),
  );
}

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe('GET /ui/api/metrics (Prometheus history for the charts)', () => {
  it('merges rate, failures, mean and p95 of the function into points, NaN as null', async () => {
    const prom = await fakePrometheus((q) => {
      if (q.startsWith('histogram_quantile'))
        return [
          [1000, '0.2'],
          [1015, 'NaN'],
        ];
      if (q.includes('seconds_sum'))
        return [
          [1000, '0.05'],
          [1015, 'NaN'],
        ];
      if (q.includes('code=~')) return [[1000, '0.5']];
      return [
        [1000, '4'],
        [1015, '0'],
      ];
    });
    servers.push(prom.server);
    const app = plainApp(createUiModule({ loadAssets: assets, prometheusUrl: `${prom.url}/` }));
    const res = await request(app).get('/ui/api/metrics?function=echo.openfaas-fn&minutes=5');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      source: 'prometheus',
      minutes: 5,
      points: [
        { t: 1_000_000, rate: 4, failureRate: 0.5, mean: 0.05, p95: 0.2 },
        { t: 1_015_000, rate: 0, failureRate: 0, mean: null, p95: null },
      ],
    });
    const sent = prom.queries.map((q) => q.get('query'));
    expect(sent).toEqual(
      expect.arrayContaining([
        'sum(rate(gateway_function_invocation_total{function_name="echo.openfaas-fn"}[1m]))',
        'sum(rate(gateway_function_invocation_total{function_name="echo.openfaas-fn",code=~"4..|5.."}[1m]))',
        'histogram_quantile(0.95, sum by (le) (rate(gateway_functions_seconds_bucket{function_name="echo.openfaas-fn"}[1m])))',
      ]),
    );
    const q = prom.queries[0]!;
    expect(Number(q.get('end')) - Number(q.get('start'))).toBe(300);
    expect(q.get('step')).toBe('15');
  });

  it('says "none" when no Prometheus is configured, so the browser uses /metrics', async () => {
    const app = plainApp(createUiModule({ loadAssets: assets }));
    const res = await request(app).get('/ui/api/metrics?function=echo.openfaas-fn');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ source: 'none' });
  });

  it.each(['', 'echo"}[1m]) or vector(1', 'a b'])('refuses the function name %j with 400', async (fn) => {
    const app = plainApp(createUiModule({ loadAssets: assets, prometheusUrl: 'http://127.0.0.1:9' }));
    const res = await request(app).get(`/ui/api/metrics?function=${encodeURIComponent(fn)}`);
    expect(res.status).toBe(400);
    expect(res.text).toBe(`function: ${JSON.stringify(fn)} is not a function name\n`);
  });

  it('says when Prometheus refuses a query or does not answer (502)', async () => {
    const prom = await fakePrometheus(() => 'error');
    servers.push(prom.server);
    const refused = await request(
      plainApp(createUiModule({ loadAssets: assets, prometheusUrl: prom.url })),
    ).get('/ui/api/metrics?function=a.b');
    expect(refused.status).toBe(502);
    expect(refused.text).toBe(`Prometheus at ${prom.url} refused the query: parse error at char 1\n`);

    const down = await request(
      plainApp(createUiModule({ loadAssets: assets, prometheusUrl: 'http://127.0.0.1:9' })),
    ).get('/ui/api/metrics?function=a.b');
    expect(down.status).toBe(502);
    expect(down.text).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:9 did not answer: /);
  });
});
