// WebSockets on /function/{name}: the upgrade relayed to a ready replica, or through the
// provider's /function/ proxy, with the open/total metrics and the gateway's outer limits.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { until } from '@faas/service-kit/testing';
import { FakeProvider } from './support/fake-provider.js';
import { startGateway } from './support/gateway-harness.js';
import type { Harness } from './support/gateway-harness.js';
import { deadUrl, listen } from './support/servers.js';
import type { Started } from './support/servers.js';

/** A WebSocket server that answers each message with `<who>:<path>:<message>` and the X-Call-Id it got. */
function echoing(who: string): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer({ noServer: true });
  return (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, binary) =>
        ws.send(
          binary ? data : `${who}:${req.url}:${String(data)}:${String(req.headers['x-call-id'] ?? '')}`,
        ),
      );
    });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function roundTrip(ws: WebSocket, message: string): Promise<string> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(String(data)));
    ws.send(message);
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

async function metric(gw: Harness, line: string): Promise<string | undefined> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  return text.split('\n').find((l) => l.startsWith(line));
}

let provider: FakeProvider;
let replica: Started;
let gw: Harness;

beforeAll(async () => {
  replica = await listen((_req, res) => res.end('plain'));
  replica.server.on('upgrade', echoing('replica'));
  provider = await new FakeProvider().start();
  provider['started']?.server.on('upgrade', echoing('provider'));
  provider.add('chat', [replica.url]);
  gw = await startGateway(provider.url);
});

afterAll(async () => {
  await gw.close();
  await provider.close();
  await replica.close();
});

describe('WebSockets on /function/{name}', () => {
  it('relays an upgrade straight to a ready replica, path, query and call id included', async () => {
    const ws = await open(`${gw.url}/function/chat/room/1?user=ann`);
    const answer = await roundTrip(ws, 'hello');
    expect(answer).toMatch(/^replica:\/room\/1\?user=ann:hello:[0-9a-f-]{36}$/);
    expect(await metric(gw, 'gateway_websocket_connections{function_name="chat.openfaas-fn"}')).toMatch(
      / 1$/,
    );
    const done = closed(ws);
    ws.close(1000, 'bye');
    expect(await done).toBe(1000);
    await new Promise((r) => setTimeout(r, 50));
    expect(await metric(gw, 'gateway_websocket_connections{function_name="chat.openfaas-fn"}')).toMatch(
      / 0$/,
    );
    expect(
      await metric(gw, 'gateway_websocket_connections_total{function_name="chat.openfaas-fn",end="closed"}'),
    ).toMatch(/ [1-9]\d*$/);
  });

  it('relays binary messages unchanged', async () => {
    const ws = await open(`${gw.url}/function/chat`);
    const payload = Buffer.alloc(100_000, 3);
    const got = await new Promise<Buffer>((resolve) => {
      ws.once('message', (data: Buffer) => resolve(data));
      ws.send(payload);
    });
    expect(got.equals(payload)).toBe(true);
    ws.close();
  });

  it('goes through the provider when direct invocation is off', async () => {
    const viaProvider = await startGateway(provider.url, { direct_invocation: 'false' });
    try {
      const ws = await open(`${viaProvider.url}/function/chat/x`);
      expect(await roundTrip(ws, 'hi')).toMatch(/^provider:\/function\/chat\.openfaas-fn\/x:hi:/);
      ws.close();
    } finally {
      await viaProvider.close();
    }
  });

  it.each([
    ['an unknown function', '/function/nope', 'status 404'],
    ['an invalid name', '/function/Bad_Name!', 'status 404'],
    ['a path outside /function/', '/system/functions', 'status 404'],
  ])('refuses %s', async (_what, path, error) => {
    await expect(open(`${gw.url}${path}`)).rejects.toThrow(error);
  });

  it('answers 502 when the replica is gone, and counts it', async () => {
    provider.add('gone', [await deadUrl()]);
    await expect(open(`${gw.url}/function/gone`)).rejects.toThrow('status 502');
    // Counted once the client's socket is gone, a moment after it read the answer.
    const counted = await until(
      'the unreachable end counted',
      async () => {
        const line = await metric(
          gw,
          'gateway_websocket_connections_total{function_name="gone.openfaas-fn",end="unreachable"}',
        );
        return line?.endsWith(' 1') ? line : undefined;
      },
      5000,
      20,
    );
    expect(counted).toMatch(/ 1$/);
  });

  it('closes a connection idle for websocket_idle_timeout, and one open for websocket_max_duration', async () => {
    const limited = await startGateway(provider.url, {
      websocket_idle_timeout: '300ms',
      websocket_max_duration: '1s',
    });
    try {
      const idle = await open(`${limited.url}/function/chat`);
      let started = Date.now();
      await closed(idle);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(Date.now() - started).toBeLessThan(900);

      const busy = await open(`${limited.url}/function/chat`);
      started = Date.now();
      const ticker = setInterval(() => busy.readyState === WebSocket.OPEN && busy.send('tick'), 50);
      await closed(busy);
      clearInterval(ticker);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(
        await metric(
          limited,
          'gateway_websocket_connections_total{function_name="chat.openfaas-fn",end="idle"}',
        ),
      ).toMatch(/ 1$/);
      expect(
        await metric(
          limited,
          'gateway_websocket_connections_total{function_name="chat.openfaas-fn",end="max-duration"}',
        ),
      ).toMatch(/ 1$/);
    } finally {
      await limited.close();
    }
  });
});
