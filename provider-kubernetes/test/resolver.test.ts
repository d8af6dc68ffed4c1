// EndpointSliceResolver against EndpointSlices that point at real HTTP servers on 127.0.0.1 (in
// place of watchdogs in pods): only ready replicas are returned, changes arrive through the watch,
// and the shared invoke proxy spreads calls evenly over them, even on one keep-alive connection.
import { Agent, createServer, request } from 'node:http';
import type { Server } from 'node:http';
import { createProviderApp } from '@faas/provider-http';
import type { AddressInfo } from 'node:net';
import { until } from '@faas/service-kit/testing';
import { providerRoles, rejection, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

/** A watchdog stand-in that answers with its own name. */
async function watchdog(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Replica': name });
    res.end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** One GET /function/echo through the provider on a keep-alive agent: which replica answered, on which socket. */
function invoke(port: number, agent: Agent): Promise<{ replica: string; body: string; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/function/echo', agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ replica: String(res.headers['x-replica']), body, socket: req.socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('resolving ready replicas from EndpointSlices', () => {
  let h: Harness;
  const replicas: { server: Server; port: number }[] = [];
  beforeAll(async () => {
    for (const name of ['r1', 'r2', 'r3', 'r4']) replicas.push(await watchdog(name));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => new Promise((resolve) => r.server.close(resolve))));
  });
  beforeEach(async () => {
    h = await startHarness();
    await h.deployer.deploy({ service: 'echo', image: 'echo:1' }, 'openfaas-fn');
  });
  afterEach(() => h.close());

  const endpoints = (ready: boolean[]) =>
    ready.map((r, i) => ({ ip: '127.0.0.1', port: replicas[i]!.port, ready: r, pod: `echo-${i}` }));

  it('answers 404 for an unknown function and [] while no replica is ready', async () => {
    const err = await rejection(h.resolver.resolve('nope', 'openfaas-fn'));
    expect([err.code, err.status]).toEqual(['FUNCTION_NOT_FOUND', 404]);
    expect(await h.resolver.resolve('echo', 'openfaas-fn')).toEqual([]);
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', endpoints([false, false]));
    await new Promise((r) => setTimeout(r, 50));
    expect(await h.resolver.resolve('echo', 'openfaas-fn')).toEqual([]);
  });

  it('follows replicas as they become ready and not ready, and the URLs reach them', async () => {
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', endpoints([true, false, true]));
    const url = (i: number) => `http://127.0.0.1:${replicas[i]!.port}`;
    await until(
      'echo to resolve to 2 addresses',
      async () => (await h.resolver.resolve('echo', 'openfaas-fn')).length === 2,
      3_000,
      10,
    );
    const ready = (await h.resolver.resolve('echo', 'openfaas-fn')).sort();
    expect(ready).toEqual([url(0), url(2)].sort());
    const bodies = await Promise.all(ready.map(async (u) => (await fetch(`${u}/`)).text()));
    expect(bodies.sort()).toEqual(['r1', 'r3']);
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', endpoints([false, true, true]));
    await until(
      'echo to drop the first address',
      async () => !(await h.resolver.resolve('echo', 'openfaas-fn')).includes(url(0)),
      3_000,
      10,
    );
    expect((await h.resolver.resolve('echo', 'openfaas-fn')).sort()).toEqual([url(1), url(2)].sort());
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', []);
    await until(
      'echo to resolve to no address',
      async () => (await h.resolver.resolve('echo', 'openfaas-fn')).length === 0,
      3_000,
      10,
    );
  });

  it('spreads invocations through the shared invoke proxy evenly over replicas, on one keep-alive connection', async () => {
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', endpoints([true, true, true, true]));
    await until(
      'echo to resolve to 4 addresses',
      async () => (await h.resolver.resolve('echo', 'openfaas-fn')).length === 4,
      3_000,
      10,
    );
    const app = createProviderApp(providerRoles(h), { logger: h.logger });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const hits = new Map<string, number>();
      const sockets = new Set<unknown>();
      for (let i = 0; i < 40; i++) {
        const { replica, body, socket } = await invoke((server.address() as AddressInfo).port, agent);
        expect(body).toBe(replica);
        sockets.add(socket);
        hits.set(replica, (hits.get(replica) ?? 0) + 1);
      }
      expect(sockets.size).toBe(1);
      expect(Object.fromEntries(hits)).toEqual({ r1: 10, r2: 10, r3: 10, r4: 10 });
    } finally {
      agent.destroy();
      app.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reads EndpointSlices from the watch, not with a call per request', async () => {
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', endpoints([true]));
    await until(
      'echo to resolve to 1 address',
      async () => (await h.resolver.resolve('echo', 'openfaas-fn')).length === 1,
      3_000,
      10,
    );
    const before = h.fake.calls.length;
    for (let i = 0; i < 20; i++) await h.resolver.resolve('echo', 'openfaas-fn');
    expect(h.fake.calls.slice(before)).toEqual([]);
  });
});
