// Real HTTP servers on port 0 that stand in for the gateway (routing /function/<name>.<ns> to
// handwritten functions) and for a callback receiver.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fixture received. */
export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  at: number;
}

/** A fake function: answers one request (the path is the remainder after the name). */
export type FakeFunction = (req: Received & { path: string }, res: ServerResponse) => void | Promise<void>;

/** A started fixture server. */
export interface Fixture {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

async function serve(handle: (req: Received, res: ServerResponse) => void | Promise<void>): Promise<Fixture> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        at: Date.now(),
      };
      received.push(r);
      void Promise.resolve(handle(r, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A gateway with `functions` keyed by `name.namespace`; anything else is the gateway's own 404. */
export function fakeGateway(functions: Record<string, FakeFunction>): Promise<Fixture> {
  return serve(async (req, res) => {
    const match = /^\/function\/([^/?]+)(.*)$/.exec(req.url);
    const fn = match ? functions[match[1] as string] : undefined;
    if (!fn) return void res.writeHead(404, { 'x-openfaas-internal': 'gateway' }).end('Function not found.\n');
    await fn({ ...req, path: match?.[2] ?? '' }, res);
  });
}

/** A callback receiver answering with `status(n)` for the n-th callback (1-based), 200 by default. */
export function callbackReceiver(status: (n: number) => number = () => 200): Promise<Fixture> {
  let n = 0;
  return serve((_req, res) => void res.writeHead(status(++n)).end());
}

/** A function that answers `statuses[i]` on call i (the last one repeats), with a fixed body. */
export function answering(statuses: number[], body = 'done'): FakeFunction & { calls: number } {
  const fn = Object.assign(
    (_req: Received, res: ServerResponse) => {
      const status = statuses[Math.min(fn.calls, statuses.length - 1)] as number;
      fn.calls++;
      res.writeHead(status, { 'content-type': 'text/plain', 'x-fn': 'yes' }).end(body);
    },
    { calls: 0 },
  );
  return fn;
}
