// WebSockets through the real executable in http mode: the upgrade reaches the function
// (deploy/functions/ws-echo), messages echo both ways, the idle and lifetime limits close it, and
// an open connection counts toward max_inflight until it closes.
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort, until } from '@faas/service-kit/testing';
import { fixtures, runTest, stopAll } from './runtimes.js';
import type { Executable, Host } from './runtimes.js';

afterEach(stopAll);

const echoServer = fileURLToPath(new URL('../../../deploy/functions/ws-echo/server.mjs', import.meta.url));

async function startEcho(host: Host, extra: Record<string, string> = {}): Promise<Executable> {
  const port = await freePort();
  return host.start({
    mode: 'http',
    fprocess: `node ${echoServer}`,
    upstream_url: `http://127.0.0.1:${port}`,
    PORT: String(port),
    ...extra,
  });
}

/** Opens a WebSocket; resolves once open, rejects with the handshake's status otherwise. */
function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (req, res) => {
      req.destroy(); // as a client does with a refused handshake: the connection goes too
      reject(new Error(`status ${res.statusCode} internal=${String(res.headers['x-openfaas-internal'])}`));
    });
    ws.once('error', reject);
  });
}

/** The watchdog's `http_requests_in_flight` gauge. */
async function inFlight(wd: Executable): Promise<number> {
  const text = await (await fetch(`${wd.metricsUrl}/metrics`)).text();
  return Number(/^http_requests_in_flight (\d+)$/m.exec(text)?.[1]);
}

function reply(ws: WebSocket): Promise<{ data: Buffer; binary: boolean }> {
  return new Promise((resolve) => ws.once('message', (data: Buffer, binary) => resolve({ data, binary })));
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

runTest('WebSockets in http mode', (host) => {
  it('echoes text and binary messages, small and large, through the watchdog', async () => {
    const wd = await startEcho(host);
    const ws = await open(`${wd.url}/chat?room=1`);
    const text = reply(ws);
    ws.send('hello');
    expect(await text).toEqual({ data: Buffer.from('hello'), binary: false });
    const big = Buffer.alloc(200_000, 7);
    const binary = reply(ws);
    ws.send(big);
    const got = await binary;
    expect(got.binary).toBe(true);
    expect(got.data.equals(big)).toBe(true);
    const done = closed(ws);
    ws.close(1000);
    expect(await done).toBe(1000);
  });

  it('closes a connection idle for websocket_idle_timeout', async () => {
    const wd = await startEcho(host, { websocket_idle_timeout: '1s' });
    const ws = await open(wd.url);
    const started = Date.now();
    await closed(ws);
    // Bun's idle timer has a granularity of seconds and pings first; allow it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('closes a busy connection at websocket_max_duration', async () => {
    const wd = await startEcho(host, { websocket_max_duration: '1500ms' });
    const ws = await open(wd.url);
    const started = Date.now();
    const ticker = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('tick'), 100);
    await closed(ws);
    clearInterval(ticker);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('counts an open WebSocket toward max_inflight until it closes: upgrades and calls beyond get 429', async () => {
    const wd = await startEcho(host, { max_inflight: '2' });
    const first = await open(wd.url);
    const second = await open(wd.url);
    expect(await inFlight(wd)).toBe(2);
    // Refused by the watchdog itself, before any tunnel to the function.
    await expect(open(wd.url)).rejects.toThrow('status 429 internal=watchdog');
    const call = await fetch(wd.url);
    expect(call.status).toBe(429);
    expect(call.headers.get('x-openfaas-internal')).toBe('watchdog');
    expect(await call.text()).toBe('Concurrent request limit exceeded. Max concurrent requests: 2\n');
    expect((await fetch(`${wd.url}/_/ready`)).status).toBe(503);
    // The sockets still work, and closing one frees its slot.
    const echoed = reply(second);
    second.send('still here');
    expect(String((await echoed).data)).toBe('still here');
    const done = closed(first);
    first.close(1000);
    await done;
    await until('the closed socket to leave http_requests_in_flight', async () =>
      (await inFlight(wd)) === 1 ? true : undefined,
    );
    const third = await open(wd.url);
    await expect(open(wd.url)).rejects.toThrow('status 429');
    const ends = [closed(second), closed(third)];
    second.close(1000);
    third.close(1000);
    await Promise.all(ends);
    await until('every socket to leave http_requests_in_flight', async () =>
      (await inFlight(wd)) === 0 ? true : undefined,
    );
    // The function's own answer to a plain GET (426), not the watchdog's 429.
    expect((await fetch(wd.url)).status).toBe(426);
  });

  it('gives back the slot of an upgrade the function does not accept', async () => {
    const port = await freePort();
    // A plain HTTP server: it never completes a WebSocket handshake.
    const wd = await host.start({
      mode: 'http',
      fprocess: `node ${fixtures}/upstream.mjs`,
      upstream_url: `http://127.0.0.1:${port}`,
      UPSTREAM_PORT: String(port),
      max_inflight: '1',
    });
    for (let i = 0; i < 3; i++) {
      const failure = await open(wd.url).then(
        (ws) => (ws.terminate(), 'opened'),
        (err: Error) => err.message,
      );
      expect(failure).not.toMatch(/opened|status 429/);
      // The client has hung up; the watchdog sees it a moment later.
      await until(
        'the failed handshake to leave http_requests_in_flight',
        async () => ((await inFlight(wd)) === 0 ? true : undefined),
        5000,
      );
    }
    expect((await fetch(wd.url)).status).toBe(201);
  });

  it('answers 501 to an upgrade outside http mode', async () => {
    const wd = await host.start({ fprocess: 'cat' });
    await expect(open(wd.url)).rejects.toThrow('status 501');
  });
});
