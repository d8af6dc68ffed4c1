import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeGracefully } from './shutdown.js';

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('closeGracefully', () => {
  it('lets an in-flight request finish, then closes', async () => {
    const server = await listen((_req, res) => setTimeout(() => res.end('done'), 200));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    const body = new Promise<string>((resolve, reject) => {
      http
        .get({ port, host: '127.0.0.1', agent }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const closed = closeGracefully(server, 5000);
    expect(await body).toBe('done');
    await closed;
    expect(server.listening).toBe(false);
    agent.destroy();
  });

  it('cuts requests that outlive the deadline', async () => {
    const server = await listen(() => undefined);
    const { port } = server.address() as AddressInfo;
    const failed = new Promise<string>((resolve) => {
      http
        .get({ port, host: '127.0.0.1' })
        .on('error', (err) => resolve((err as NodeJS.ErrnoException).code ?? ''));
    });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await closeGracefully(server, 100);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await failed).toBe('ECONNRESET');
  });
});
