// WebSockets end to end on `npm start`: a real `ws` client and Chromium's own WebSocket, through
// the gateway → a replica's watchdog (http mode, on Bun as npm start runs it) → the example
// function deploy/functions/ws-echo, plus the gateway's connection metrics.
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { components, describeWith, startNpmPlatform } from '@faas/e2e';
import type { NpmPlatform } from '@faas/e2e';
import { freePort, until } from '@faas/service-kit/testing';
import { launchChromium } from './ui-harness.js';

const echoServer = fileURLToPath(new URL('../../deploy/functions/ws-echo/server.mjs', import.meta.url));

let platform: NpmPlatform;

beforeAll(async () => {
  platform = await startNpmPlatform();
  const auth = `Basic ${Buffer.from(`${platform.user}:${platform.password}`).toString('base64')}`;
  const port = await freePort();
  const res = await fetch(`${platform.url}/system/functions`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      service: 'ws-echo',
      image: 'faas/fn-ws-echo:latest',
      envProcess: `node ${echoServer}`,
      envVars: { mode: 'http', upstream_url: `http://127.0.0.1:${port}`, PORT: String(port) },
    }),
  });
  expect(res.status).toBe(202);
  await until(
    'ws-echo ready',
    async () => {
      const answer = await fetch(`${platform.url}/function/ws-echo`);
      return answer.status === 426 ? true : undefined;
    },
    60_000,
    200,
  );
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('WebSockets through npm start', () => {
  it('echoes messages from a ws client through the gateway and the watchdog', async () => {
    const ws = await open(`${platform.url}/function/ws-echo`);
    for (const message of ['one', 'y'.repeat(1000), 'x'.repeat(70_000)]) {
      const got = await new Promise<string>((resolve) => {
        ws.once('message', (data) => resolve(String(data)));
        ws.send(message);
      });
      expect(got).toBe(message);
    }
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toContain('gateway_websocket_connections{function_name="ws-echo.openfaas-fn"} 1');
    const code = await new Promise<number>((resolve) => {
      ws.once('close', (c) => resolve(c));
      ws.close(1000);
    });
    expect(code).toBe(1000);
  });

  it("answers a plain GET with the function's own 426", async () => {
    const res = await fetch(`${platform.url}/function/ws-echo`);
    expect(res.status).toBe(426);
    expect(await res.text()).toContain('speaks WebSocket');
  });
});

describeWith([components.chromium], 'WebSockets from Chromium through npm start', () => {
  it('echoes a message sent by the browser', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${platform.url}/healthz`);
      const echoed = await page.evaluate(
        (url) =>
          new Promise<string>((resolve, reject) => {
            const ws = new WebSocket(url);
            ws.onopen = () => ws.send('from chromium');
            ws.onmessage = (ev) => {
              resolve(String(ev.data));
              ws.close();
            };
            ws.onerror = () => reject(new Error('WebSocket error'));
          }),
        `${platform.url.replace(/^http/, 'ws')}/function/ws-echo`,
      );
      expect(echoed).toBe('from chromium');
    } finally {
      await browser.close();
    }
  });
});
