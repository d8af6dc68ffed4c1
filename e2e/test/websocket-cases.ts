// The WebSocket cases, written once and run through each platform's gateway (websocket-local on
// `npm start`, swarm-stack on the Swarm stack, kubernetes-platform on the cluster): the example
// function deploy/functions/ws-echo behind the gateway → a replica's watchdog (http mode) → the
// function, with a real `ws` client and Chromium's own WebSocket, plus the gateway's metrics.
import WebSocket from 'ws';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { launchChromium } from './ui-harness.js';

/** The platform the cases talk to. */
export interface WebSocketTarget {
  /** Where it runs, for the titles: `npm start`, `Swarm`, `Kubernetes`. */
  platform: string;
  /** The gateway's URL (read when the cases run). */
  url(): string;
  /** Deploys `ws-echo` in the platform's way (resolves on 202). */
  deploy(): Promise<void>;
  /** Removes `ws-echo`. */
  remove(): Promise<void>;
}

export function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export function describeWebSocketCases(target: WebSocketTarget): void {
  const fn = () => `${target.url()}/function/ws-echo`;

  describe(`WebSockets through ${target.platform}`, () => {
    beforeAll(async () => {
      await target.deploy();
      // Ready once the function itself answers a plain GET with its 426.
      await until(
        'ws-echo ready',
        async () =>
          (await fetch(fn(), { signal: AbortSignal.timeout(5_000) }).catch(() => undefined))?.status === 426
            ? true
            : undefined,
        120_000,
        250,
      );
    }, 180_000);

    afterAll(() => target.remove().catch(() => undefined), 60_000);

    it('echoes messages from a ws client through the gateway and the watchdog', async () => {
      const ws = await open(fn());
      for (const message of ['one', 'y'.repeat(1000), 'x'.repeat(70_000)]) {
        const got = await new Promise<string>((resolve) => {
          ws.once('message', (data) => resolve(String(data)));
          ws.send(message);
        });
        expect(got).toBe(message);
      }
      const metrics = await (await fetch(`${target.url()}/metrics`)).text();
      expect(metrics).toContain('gateway_websocket_connections{function_name="ws-echo.openfaas-fn"} 1');
      const code = await new Promise<number>((resolve) => {
        ws.once('close', (c) => resolve(c));
        ws.close(1000);
      });
      expect(code).toBe(1000);
    }, 60_000);

    it("answers a plain GET with the function's own 426", async () => {
      const res = await fetch(fn());
      expect(res.status).toBe(426);
      expect(await res.text()).toContain('speaks WebSocket');
    });

    describeWith([components.chromium], 'from Chromium', () => {
      it('echoes a message sent by the browser', async () => {
        const browser = await launchChromium();
        try {
          const page = await browser.newPage();
          await page.goto(`${target.url()}/healthz`);
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
            fn().replace(/^http/, 'ws'),
          );
          expect(echoed).toBe('from chromium');
        } finally {
          await browser.close();
        }
      }, 60_000);
    });
  });
}
