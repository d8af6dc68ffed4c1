// WebSockets on Swarm: the example image faas/fn-ws-echo (built by deploy/swarm/up.sh through
// deploy/functions/build.sh) through the stack's gateway → the replica's watchdog (the Node bundle,
// http mode) → the function. Called from swarm-stack.test.ts inside its stack.
import WebSocket from 'ws';
import { type GatewayClient, waitFor } from './swarm-support.js';

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export function describeSwarmWebSocket(gateway: GatewayClient): void {
  describe('WebSockets', () => {
    it('echoes messages from a ws client through the gateway to faas/fn-ws-echo', async () => {
      const res = await gateway.system('POST', '/system/functions', {
        service: 'ws-echo',
        image: 'faas/fn-ws-echo:latest',
      });
      expect(res.status).toBe(202);
      const url = `${gateway.baseUrl}/function/ws-echo`;
      const ws = await waitFor('a WebSocket to ws-echo', 60_000, () => open(url).catch(() => undefined));
      for (const message of ['one', 'y'.repeat(1000), 'x'.repeat(70_000)]) {
        const got = await new Promise<string>((resolve) => {
          ws.once('message', (data) => resolve(String(data)));
          ws.send(message);
        });
        expect(got).toBe(message);
      }
      ws.close();
      await gateway.system('DELETE', '/system/functions', { functionName: 'ws-echo' });
    }, 120_000);
  });
}
