import { Agent, createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FaasError } from '@faas/contracts';
import { MemoryLogger } from '../logger.js';
import { sendError } from './error-response.js';
import { bodyTooLarge, overLimit, readBody } from './read-body.js';

interface Answer {
  status: number;
  connection: string | undefined;
  text: string;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

let server: Server;
let port: number;
let read: Array<Buffer | FaasError>;

/** A server that reads each body with `limit` and answers its length, or the error. */
async function serve(limit: number): Promise<void> {
  read = [];
  server = createServer((req, res) => {
    readBody(req, limit).then(
      (body) => {
        read.push(body);
        res.end(`${body.length}\n`);
      },
      (err: FaasError) => {
        read.push(err);
        sendError(res, err, { logger: new MemoryLogger(), component: 'test', route: '/' });
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
}

afterEach(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

/** POSTs `parts`, chunked unless `declared`. */
function post(parts: Buffer[], declared: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const length = parts.reduce((n, p) => n + p.length, 0);
    const agent = new Agent({ keepAlive: true });
    let socket: Socket | undefined;
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        agent,
        headers: declared ? { 'content-length': length } : { 'transfer-encoding': 'chunked' },
      },
      (res: IncomingMessage) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          const answer = { status: res.statusCode ?? 0, connection: res.headers.connection, text };
          const settle = (closed: boolean): void => {
            agent.destroy();
            resolve({ ...answer, closed });
          };
          if (socket?.destroyed) settle(true);
          else socket?.once('close', () => settle(true));
          setTimeout(() => settle(false), 1000).unref();
        });
      },
    );
    req.on('socket', (s: Socket) => (socket = s));
    // A server that closes early may reset a request still being written; the answer came first.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    for (const part of parts) req.write(part);
    req.end();
  });
}

describe('readBody', () => {
  it.each([
    ['declared', true],
    ['chunked', false],
  ])('reads a %s body whole, up to the limit', async (_how, declared) => {
    await serve(10);
    const answer = await post([Buffer.from('hello'), Buffer.from('world')], declared);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('10\n');
    expect((read[0] as Buffer).toString()).toBe('helloworld');
  });

  it('has no limit at 0', async () => {
    await serve(0);
    const answer = await post([Buffer.alloc(3 * 1024 * 1024, 1)], false);
    expect(answer.text).toBe(`${3 * 1024 * 1024}\n`);
  });

  it.each([
    ['declared (refused before a byte is read)', true],
    ['chunked (refused as it passes the limit)', false],
  ])(
    'answers a %s body over the limit with one 413 sentence, then closes the connection',
    async (_how, declared) => {
      await serve(1024);
      // 8 MiB: far more than socket buffers hold, so a server that stopped reading would stall the client.
      const parts = Array.from({ length: 128 }, () => Buffer.alloc(64 * 1024, 1));
      const answer = await post(parts, declared);
      expect(answer).toEqual({
        status: 413,
        connection: 'close',
        text: 'Request body too large: the limit is 1024 bytes.\n',
        closed: true,
      });
      expect(read).toHaveLength(1);
      expect((read[0] as FaasError).code).toBe('PAYLOAD_TOO_LARGE');
    },
  );
});

describe('overLimit and bodyTooLarge', () => {
  it.each([
    [10, 0, false],
    [10, 10, false],
    [11, 10, true],
  ])('%i bytes against a limit of %i → %s', (bytes, limit, expected) => {
    expect(overLimit(bytes, limit)).toBe(expected);
  });

  it('says the limit in the 413', () => {
    const err = bodyTooLarge(2048);
    expect(err.status).toBe(413);
    expect(err.message).toBe('Request body too large: the limit is 2048 bytes.');
  });
});
