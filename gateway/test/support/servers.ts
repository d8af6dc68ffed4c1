// Real servers on port 0 for the gateway's HTTP tests.
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A started server and its base URL. */
export interface Started {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0. */
export async function listen(handler: RequestListener): Promise<Started> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a whole request body. */
export function bodyOf(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** What an echo function saw. */
export interface Echo {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A function that answers with what it received, as JSON, and `X-Replica: <name>`. */
export function echoFunction(replica = 'a'): RequestListener {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const body = (await bodyOf(req)).toString('utf8');
    const echo: Echo = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-replica': replica,
      connection: 'keep-alive',
    });
    res.end(JSON.stringify(echo));
  };
}

/** An address nothing listens on (a server that was started and closed). */
export async function deadUrl(): Promise<string> {
  const s = await listen(() => {});
  await s.close();
  return s.url;
}
