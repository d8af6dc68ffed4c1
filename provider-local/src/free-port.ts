import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A port nobody listens on right now, chosen by the kernel. Another process could take it before
 * the replica binds it; the replica then exits and is restarted on a fresh port.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
