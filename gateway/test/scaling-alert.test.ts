// POST /system/alert on a real gateway in front of a provider fake whose replicas follow scale calls.
import { MemoryLogger } from '@faas/service-kit';
import { Registry } from 'prom-client';
import { send } from './support/client.js';
import { ADMIN_AUTH, startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { ReplicaProvider } from './scaling-support.js';
import { loadGatewayConfig } from '../src/config.js';
import { ProviderClient } from '../src/provider/provider-client.js';
import { AlertRoutes } from '../src/scaling/alert-routes.js';
import { AlertScaler } from '../src/scaling/alert-scaler.js';
import { ProviderReplicas } from '../src/scaling/function-replicas.js';
import { LabelReader } from '../src/scaling/label-reader.js';
import { ReplicaSetter } from '../src/scaling/replica-setter.js';
import { ScalingMetrics } from '../src/scaling/scaling-metrics.js';

let provider: ReplicaProvider;
let gw: Harness;
let client: ProviderClient;
let registry: Registry;
let logger: MemoryLogger;

beforeEach(async () => {
  provider = await new ReplicaProvider().start();
  client = new ProviderClient(loadGatewayConfig({ functions_provider_url: provider.url }), null);
  registry = new Registry();
  logger = new MemoryLogger();
  const replicas = new ProviderReplicas(client, 'openfaas-fn');
  const setter = new ReplicaSetter(replicas, new ScalingMetrics(registry), logger);
  const scaler = new AlertScaler(replicas, setter, new LabelReader(logger), logger, {
    defaultNamespace: 'openfaas-fn',
    builtInAutoscaler: true,
  });
  gw = await startGateway(provider.url, {}, { extraModules: [new AlertRoutes(scaler)] });
});

afterEach(async () => {
  await gw.close();
  client.close();
  await provider.close();
});

/** A webhook body as AlertManager 0.25 sends it. */
function webhook(alerts: { status: string; function_name?: string }[]): string {
  return JSON.stringify({
    version: '4',
    groupKey: '{}:{alertname="APIHighInvocationRate"}',
    status: alerts[0]?.status ?? 'firing',
    receiver: 'scale-up',
    groupLabels: { alertname: 'APIHighInvocationRate' },
    commonLabels: { alertname: 'APIHighInvocationRate' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: alerts.map(({ status, function_name }) => ({
      status,
      labels: { alertname: 'APIHighInvocationRate', ...(function_name ? { function_name } : {}) },
      annotations: { summary: 'High invocation total' },
      startsAt: '2024-01-01T00:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus:9090/graph',
      fingerprint: 'abc',
    })),
  });
}

const alert = (body: string, authorization: string | null = ADMIN_AUTH) =>
  send(`${gw.url}/system/alert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body,
  });

describe('POST /system/alert', () => {
  it('scales a firing function up by one step with the default labels (max 20, factor 20)', async () => {
    provider.add('figlet', 1);
    const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('figlet.openfaas-fn: firing, 1 → 5\n');
    expect(provider.scaleCalls).toEqual([
      {
        function: 'figlet.openfaas-fn',
        replicas: 5,
        body: { serviceName: 'figlet', namespace: 'openfaas-fn', replicas: 5 },
      },
    ]);
    expect(await registry.metrics()).toContain(
      'gateway_scaling_decisions_total{function_name="figlet.openfaas-fn",reason="alert-firing"} 1',
    );
  });

  it('takes a resolved function back to its min', async () => {
    provider.add('figlet', 9, { 'com.openfaas.scale.min': '2' });
    const res = await alert(webhook([{ status: 'resolved', function_name: 'figlet.openfaas-fn' }]));
    expect(res.status).toBe(200);
    expect(res.text).toBe('figlet.openfaas-fn: resolved, 9 → 2\n');
    expect(provider.replicas('figlet')).toBe(2);
  });

  it('reaches max and then stays there without another scale call', async () => {
    provider.add('figlet', 1, { 'com.openfaas.scale.max': '4', 'com.openfaas.scale.factor': '50' });
    const steps: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]));
      expect(res.status).toBe(200);
      steps.push(res.text.trim());
    }
    expect(steps).toEqual([
      'figlet.openfaas-fn: firing, 1 → 3',
      'figlet.openfaas-fn: firing, 3 → 4',
      'figlet.openfaas-fn: firing, stays at 4',
    ]);
    expect(provider.scaleCalls.map((c) => c.replicas)).toEqual([3, 4]);
  });

  it('does not scale a function whose factor is 0', async () => {
    provider.add('figlet', 2, { 'com.openfaas.scale.factor': '0' });
    const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]));
    expect(res.status).toBe(200);
    expect(res.text).toBe('figlet.openfaas-fn: firing, stays at 2, alert scaling disabled (factor 0)\n');
    expect(provider.scaleCalls).toEqual([]);
  });

  it('leaves a function with a target to the built-in autoscaler', async () => {
    provider.add('figlet', 1, { 'com.openfaas.scale.target': '5' });
    const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/left to the built-in autoscaler/);
    expect(provider.scaleCalls).toEqual([]);
  });

  it('uses the default namespace when function_name has none, and another when it has one', async () => {
    provider.add('figlet', 1);
    provider.add('figlet', 1, {}, 'team-a');
    const res = await alert(
      webhook([
        { status: 'firing', function_name: 'figlet' },
        { status: 'firing', function_name: 'figlet.team-a' },
      ]),
    );
    expect(res.status).toBe(200);
    expect(provider.scaleCalls.map((c) => c.function)).toEqual(['figlet.openfaas-fn', 'figlet.team-a']);
  });

  it('falls back to the defaults for bad labels and logs a warning once', async () => {
    provider.add('figlet', 1, { 'com.openfaas.scale.max': 'many' });
    for (let i = 0; i < 2; i++) {
      const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]));
      expect(res.status).toBe(200);
    }
    expect(provider.scaleCalls.map((c) => c.replicas)).toEqual([5, 9]);
    const warnings = logger.entries.filter((e) => e.level === 'warn');
    expect(warnings.map((w) => w.msg)).toEqual([
      'bad scaling label, using the default: com.openfaas.scale.max: "many" is not a whole number from 1 to 1000, using 20',
    ]);
  });

  it('answers 200 for alerts whose function does not exist, saying so, and scales the others', async () => {
    provider.add('figlet', 1);
    const res = await alert(
      webhook([
        { status: 'firing', function_name: 'nope.openfaas-fn' },
        { status: 'firing', function_name: 'figlet.openfaas-fn' },
        { status: 'resolved', function_name: 'figlet.unmanaged' },
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      'nope.openfaas-fn: firing, no such function, nothing to scale\n' +
        'figlet.openfaas-fn: firing, 1 → 5\n' +
        'figlet.unmanaged: resolved, no such function, nothing to scale\n',
    );
    expect(provider.scaleCalls.map((c) => c.function)).toEqual(['figlet.openfaas-fn']);
  });

  it('answers 500 naming the provider status when a scale call fails', async () => {
    provider.add('figlet', 1);
    provider.failScaleWith = 503;
    const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]));
    expect(res.status).toBe(500);
    expect(res.text).toBe(
      'alert 0 (figlet.openfaas-fn): Scaling figlet.openfaas-fn to 5: the provider answered 503 (scale failed on purpose).\n',
    );
    expect(await registry.metrics()).not.toContain('reason="alert-firing"');
  });

  it.each([
    ['not JSON', '{', 'Invalid alert body: not JSON.'],
    [
      'no alerts array',
      '{"status":"firing"}',
      'Invalid alert body: expected an object with an "alerts" array.',
    ],
    ['an array', '[]', 'Invalid alert body: expected an object with an "alerts" array.'],
    ['an alert that is not an object', '{"alerts":[1]}', 'Invalid alert body: alerts[0] is not an object.'],
    [
      'a bad status',
      '{"alerts":[{"status":"pending","labels":{}}]}',
      'Invalid alert body: alerts[0].status must be "firing" or "resolved".',
    ],
    [
      'an alert without function_name, before scaling any other',
      webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }, { status: 'firing' }]),
      'Invalid alert body: alerts[1].labels.function_name is required.',
    ],
    [
      'labels that are not strings',
      '{"alerts":[{"status":"firing","labels":{"function_name":3}}]}',
      'Invalid alert body: alerts[0].labels must map names to strings.',
    ],
  ])('answers 400 for %s', async (_what, body, message) => {
    const res = await alert(body);
    expect(res.status).toBe(400);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toBe(`${message}\n`);
    expect(provider.scaleCalls).toEqual([]);
  });

  it('answers 200 with nothing to do for an empty alerts array', async () => {
    const res = await alert('{"alerts":[]}');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('requires basic auth', async () => {
    provider.add('figlet', 1);
    const res = await alert(webhook([{ status: 'firing', function_name: 'figlet.openfaas-fn' }]), null);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="Restricted"');
    expect(provider.scaleCalls).toEqual([]);
  });
});
