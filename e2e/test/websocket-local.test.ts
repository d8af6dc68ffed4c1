// WebSockets end to end on `npm start`: a real `ws` client and Chromium's own WebSocket, through
// the gateway → a replica's watchdog (http mode, on Bun as npm start runs it) → the example
// function deploy/functions/ws-echo, plus the gateway's connection metrics (websocket-cases.ts).
import { fileURLToPath } from 'node:url';
import { startNpmPlatform } from '@faas/e2e';
import type { NpmPlatform } from '@faas/e2e';
import { freePort } from '@faas/service-kit/testing';
import { describeWebSocketCases } from './websocket-cases.js';

const echoServer = fileURLToPath(new URL('../../deploy/functions/ws-echo/server.mjs', import.meta.url));

let platform: NpmPlatform;

beforeAll(async () => {
  platform = await startNpmPlatform();
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

describeWebSocketCases({
  platform: 'npm start',
  url: () => platform.url,
  // The local provider runs the function's own server on this host, the watchdog in http mode.
  async deploy() {
    const port = await freePort();
    const res = await fetch(`${platform.url}/system/functions`, {
      method: 'POST',
      headers: { authorization: auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'ws-echo',
        image: 'faas/fn-ws-echo:latest',
        envProcess: `node ${echoServer}`,
        envVars: { mode: 'http', upstream_url: `http://127.0.0.1:${port}`, PORT: String(port) },
      }),
    });
    expect(res.status).toBe(202);
  },
  async remove() {
    await fetch(`${platform.url}/system/functions`, {
      method: 'DELETE',
      headers: { authorization: auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ functionName: 'ws-echo' }),
    });
  },
});

function auth(): string {
  return `Basic ${Buffer.from(`${platform.user}:${platform.password}`).toString('base64')}`;
}
