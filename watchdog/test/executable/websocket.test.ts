// WebSockets through the real executable in http mode: the upgrade reaches the function
// (deploy/functions/ws-echo), messages echo both ways, and the idle and lifetime limits close it.
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort } from '@faas/service-kit/testing';
import { runTest, stopAll } from './runtimes.js';
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
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
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

  it('answers 501 to an upgrade outside http mode', async () => {
    const wd = await host.start({ fprocess: 'cat' });
    await expect(open(wd.url)).rejects.toThrow('status 501');
  });
});
