// Scaling assembled (createScaling) in front of a real gateway and a provider fake, on real time with
// short windows: idle to zero and back, and the autoscaler following held requests up and down.
import type { ServerResponse } from 'node:http';
import { MemoryLogger } from '@faas/service-kit';
import { until } from '@faas/service-kit/testing';
import { Registry } from 'prom-client';
import { send } from './support/client.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { listen } from './support/servers.js';
import type { Started } from './support/servers.js';
import { ReplicaProvider } from './scaling-support.js';
import { loadGatewayConfig } from '../src/config.js';
import { ProviderClient } from '../src/provider/provider-client.js';
import { createScaling } from '../src/scaling/create-scaling.js';
import type { Scaling } from '../src/scaling/create-scaling.js';
import type { ScalingSettings } from '../src/scaling/scaling-config.js';

let provider: ReplicaProvider;
let upstream: Started;
let held: ServerResponse[];
let client: ProviderClient;
let scaling: Scaling;
let registry: Registry;
let gw: Harness;

const settings: ScalingSettings = {
  defaultNamespace: 'openfaas-fn',
  scaleFromZero: true,
  scaleFromZeroTimeoutMs: 5_000,
  scaleToZero: true,
  autoscaler: true,
  stableWindowMs: 1_500,
  panicWindowMs: 300,
  tickMs: 50,
  refreshMs: 50,
};

beforeEach(async () => {
  held = [];
  // Answers at once, or holds the request while its path says /hold.
  upstream = await listen((req, res) => {
    if (req.url?.startsWith('/hold')) held.push(res);
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('done');
  });
  provider = await new ReplicaProvider().start();
  provider.replicaUrl = upstream.url;
  client = new ProviderClient(loadGatewayConfig({ functions_provider_url: provider.url }), null);
  registry = new Registry();
});

async function start(overrides: Partial<ScalingSettings> = {}): Promise<void> {
  scaling = createScaling({
    settings: { ...settings, ...overrides },
    provider: client,
    registry,
    logger: new MemoryLogger(),
  });
  gw = await startGateway(
    provider.url,
    { basic_auth: 'false' },
    { availability: scaling.availability, observers: [scaling.observer], extraModules: [scaling.routes] },
  );
  scaling.start();
}

afterEach(async () => {
  for (const res of held) res.end();
  await scaling.stop();
  await gw.close();
  client.close();
  await provider.close();
  await upstream.close();
});

describe('scaling assembled', () => {
  it('idles a zero-labelled function to 0, then an invocation brings it back', async () => {
    provider.add('sleepy', 1, {
      'com.openfaas.scale.zero': 'true',
      'com.openfaas.scale.zero-duration': '400ms',
    });
    provider.add('awake', 1, { 'com.openfaas.scale.zero-duration': '400ms' });
    await start();
    await until('sleepy at 0', () => provider.replicas('sleepy') === 0, 5_000, 20);
    const res = await send(`${gw.url}/function/sleepy`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('done');
    expect(provider.replicas('sleepy')).toBe(1);
    expect(provider.replicas('awake')).toBe(1);
    const reasons = await registry.metrics();
    expect(reasons).toContain(
      'gateway_scaling_decisions_total{function_name="sleepy.openfaas-fn",reason="idle"} 1',
    );
    expect(reasons).toContain(
      'gateway_scaling_decisions_total{function_name="sleepy.openfaas-fn",reason="scale-from-zero"} 1',
    );
  });

  it('keeps a function with a request in flight past its idle duration', async () => {
    provider.add('busy', 1, {
      'com.openfaas.scale.zero': 'true',
      'com.openfaas.scale.zero-duration': '200ms',
    });
    await start({ autoscaler: false });
    const pending = send(`${gw.url}/function/busy/hold`, { method: 'POST', body: 'x' });
    await until('the request to be held', () => held.length === 1, 5_000, 20);
    await new Promise((r) => setTimeout(r, 800));
    expect(provider.replicas('busy')).toBe(1);
    held.shift()?.end('late');
    expect((await pending).text).toBe('late');
    await until('busy at 0 after its request ended', () => provider.replicas('busy') === 0, 5_000, 20);
  });

  it('follows held requests up with the built-in autoscaler and back down to min', async () => {
    provider.add('auto', 1, { 'com.openfaas.scale.target': '2' });
    await start();
    const requests = Array.from({ length: 6 }, () =>
      send(`${gw.url}/function/auto/hold`, { method: 'POST', body: 'x' }),
    );
    await until('6 held requests', () => held.length === 6, 5_000, 20);
    await until('3 replicas', () => provider.replicas('auto') === 3, 3_000, 20);
    for (const res of held.splice(0)) res.end('ok');
    expect((await Promise.all(requests)).map((r) => r.status)).toEqual(Array(6).fill(200));
    const released = Date.now();
    await until('back to 1 replica', () => provider.replicas('auto') === 1, 5_000, 20);
    expect(Date.now() - released).toBeLessThan(settings.stableWindowMs + 1_000);
    expect(await registry.metrics()).toContain(
      'gateway_scaling_decisions_total{function_name="auto.openfaas-fn",reason="autoscaler-up"} 1',
    );
  });

  it('runs no background loop when the autoscaler and scale to zero are off', async () => {
    provider.add('sleepy', 1, {
      'com.openfaas.scale.zero': 'true',
      'com.openfaas.scale.zero-duration': '100ms',
    });
    await start({ autoscaler: false, scaleToZero: false });
    expect(scaling.loop).toBeUndefined();
    await new Promise((r) => setTimeout(r, 400));
    expect(provider.replicas('sleepy')).toBe(1);
    expect(provider.scaleCalls).toEqual([]);
  });
});
