// Scale from zero on a real gateway: the request waits for a replica, with its body intact, one
// scale-up per function however many callers wait, a deadline, and no waiting for other functions.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { MemoryLogger } from '@faas/service-kit';
import { Registry } from 'prom-client';
import { send } from './support/client.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import type { Started } from './support/servers.js';
import { echoUpstream, ReplicaProvider } from './scaling-support.js';
import { loadGatewayConfig } from '../src/config.js';
import type { FunctionRef } from '../src/invoke/hooks.js';
import { ProviderClient } from '../src/provider/provider-client.js';
import { ProviderReplicas } from '../src/scaling/function-replicas.js';
import { LabelReader } from '../src/scaling/label-reader.js';
import { ReplicaSetter } from '../src/scaling/replica-setter.js';
import { ScaleFromZero } from '../src/scaling/scale-from-zero.js';
import { ScalingMetrics } from '../src/scaling/scaling-metrics.js';

let provider: ReplicaProvider;
let upstream: Started;
let client: ProviderClient;
let registry: Registry;
let touched: string[];
let gw: Harness;

async function start(timeoutMs = 5_000): Promise<void> {
  const logger = new MemoryLogger();
  const replicas = new ProviderReplicas(client, 'openfaas-fn');
  const setter = new ReplicaSetter(replicas, new ScalingMetrics(registry), logger);
  const availability = new ScaleFromZero(
    replicas,
    setter,
    new LabelReader(logger),
    { touch: (fn: FunctionRef) => touched.push(fn.qualified) },
    logger,
    { timeoutMs },
  );
  gw = await startGateway(provider.url, { basic_auth: 'false' }, { availability });
}

beforeEach(async () => {
  upstream = await echoUpstream();
  provider = await new ReplicaProvider().start();
  provider.replicaUrl = upstream.url;
  client = new ProviderClient(loadGatewayConfig({ functions_provider_url: provider.url }), null);
  registry = new Registry();
  touched = [];
});

afterEach(async () => {
  await gw.close();
  client.close();
  await provider.close();
  await upstream.close();
});

interface Echo {
  method: string;
  path: string;
  body: string;
}

describe('scale from zero', () => {
  it('wakes a function whose cached replica went away (scaled to 0 by hand), instead of a 503', async () => {
    await start();
    provider.add('cat', 1);
    provider.ttlSeconds = 30;
    expect((await send(`${gw.url}/function/cat`, { method: 'POST', body: 'one' })).status).toBe(200);
    // `faas-cli scale --replicas 0` elsewhere: the replica the gateway cached is gone, and the
    // function's next replica answers on another address.
    const fn = provider.functions.get('cat.openfaas-fn');
    if (!fn) throw new Error('cat is missing from the fake provider');
    fn.replicas = 0;
    fn.available = 0;
    await upstream.close();
    upstream = await echoUpstream();
    provider.replicaUrl = upstream.url;
    const res = await send(`${gw.url}/function/cat/again`, { method: 'POST', body: 'two' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ method: 'POST', path: '/again', body: 'two' });
    expect(provider.scaleCalls.map((c) => [c.function, c.replicas])).toEqual([['cat.openfaas-fn', 1]]);
  });

  it('holds the request, scales to max(min, 1), then forwards it with its body intact', async () => {
    await start();
    provider.add('cat', 0);
    provider.readyDelayMs = 300;
    const body = randomBytes(1024 * 1024).toString('hex');
    const begun = Date.now();
    const res = await send(`${gw.url}/function/cat/x?y=1`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(Date.now() - begun).toBeGreaterThanOrEqual(300);
    const echo = JSON.parse(res.text) as Echo;
    expect(echo.method).toBe('POST');
    expect(echo.path).toBe('/x?y=1');
    expect(echo.body.length).toBe(body.length);
    expect(createHash('sha256').update(echo.body).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    expect(provider.scaleCalls.map((c) => [c.function, c.replicas])).toEqual([['cat.openfaas-fn', 1]]);
    expect(touched).toContain('cat.openfaas-fn');
    expect(await registry.metrics()).toContain(
      'gateway_scaling_decisions_total{function_name="cat.openfaas-fn",reason="scale-from-zero"} 1',
    );
  });

  it('wakes a function to its min when min is above 1', async () => {
    await start();
    provider.add('cat', 0, { 'com.openfaas.scale.min': '3', 'com.openfaas.scale.zero': 'true' });
    const res = await send(`${gw.url}/function/cat`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(provider.scaleCalls.map((c) => c.replicas)).toEqual([3]);
  });

  it('shares one scale-up among concurrent callers', async () => {
    await start();
    provider.add('cat', 0);
    provider.readyDelayMs = 300;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send(`${gw.url}/function/cat`, { method: 'POST', body: `call ${i}` }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.map((a) => (JSON.parse(a.text) as Echo).body)).toEqual(
      Array.from({ length: 20 }, (_, i) => `call ${i}`),
    );
    expect(provider.scaleCalls).toHaveLength(1);
  });

  it('does not hold up invocations of other functions', async () => {
    await start();
    provider.add('slow', 0);
    provider.add('ready', 1);
    provider.readyDelayMs = 1_500;
    const slow = send(`${gw.url}/function/slow`, { method: 'POST', body: 's' });
    await new Promise((r) => setTimeout(r, 100));
    const begun = Date.now();
    const ready = await send(`${gw.url}/function/ready`, { method: 'POST', body: 'r' });
    const readyMs = Date.now() - begun;
    expect(ready.status).toBe(200);
    expect((JSON.parse(ready.text) as Echo).body).toBe('r');
    expect(readyMs).toBeLessThan(1_000);
    expect((await slow).status).toBe(200);
  });

  it('answers 503 with a clear message when no replica is ready by the deadline', async () => {
    await start(400);
    provider.add('cat', 0);
    provider.readyDelayMs = 60_000;
    const res = await send(`${gw.url}/function/cat`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(503);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toBe(
      'No ready replica of cat.openfaas-fn within 0.4s of scaling it from zero (scale_from_zero_timeout); try again later.\n',
    );
    expect(provider.scaleCalls).toHaveLength(1);
  });

  it('tries again on the next request after a failed scale-up', async () => {
    await start(300);
    provider.add('cat', 0, { 'com.openfaas.scale.min': '0' });
    provider.failScaleWith = 500;
    const first = await send(`${gw.url}/function/cat`, { method: 'POST', body: 'x' });
    expect(first.status).toBe(503);
    expect(first.text).toMatch(/^Scaling cat.openfaas-fn to 1: the provider answered 500/);
    provider.failScaleWith = undefined;
    const second = await send(`${gw.url}/function/cat`, { method: 'POST', body: 'y' });
    expect(second.status).toBe(200);
    expect(provider.scaleCalls).toHaveLength(2);
  });

  it('keeps scaling for the others when one waiting caller goes away', async () => {
    await start();
    provider.add('cat', 0);
    provider.readyDelayMs = 500;
    const gone = new Promise<string>((resolve) => {
      const req = httpRequest(`${gw.url}/function/cat`, { method: 'POST', agent: false });
      req.on('error', (err) => resolve(err.message));
      req.write('partial');
      setTimeout(() => req.destroy(), 100);
    });
    const stayed = send(`${gw.url}/function/cat`, { method: 'POST', body: 'stayed' });
    expect(await gone).toMatch(/socket hang up|aborted/);
    const res = await stayed;
    expect(res.status).toBe(200);
    expect((JSON.parse(res.text) as Echo).body).toBe('stayed');
    expect(provider.scaleCalls).toHaveLength(1);
  });

  it('waits for a function already scaling up (replicas set, none ready) without scaling it again', async () => {
    await start();
    provider.add('cat', 0);
    provider.functions.get('cat.openfaas-fn')!.replicas = 2;
    setTimeout(() => (provider.functions.get('cat.openfaas-fn')!.available = 2), 300);
    const res = await send(`${gw.url}/function/cat`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(provider.scaleCalls).toEqual([]);
  });

  it('answers 404 for a function the provider does not know', async () => {
    await start();
    const res = await send(`${gw.url}/function/nope`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(404);
    expect(provider.scaleCalls).toEqual([]);
  });
});
