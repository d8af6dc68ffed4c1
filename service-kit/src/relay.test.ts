import { createServer, request } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { flushHeadersSoon, relayBody, SMALL_BODY_BYTES } from './relay.js';

/** Posts `parts` to a server that relays the request body into a PassThrough; returns what came out. */
async function relayed(
  parts: string[],
  headers: Record<string, string>,
): Promise<{ text: string; piped: boolean }> {
  let piped = false;
  const server = createServer((req, res) => {
    const sink = new PassThrough();
    sink.on('pipe', () => (piped = true));
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    sink.on('end', () => res.end(Buffer.concat(chunks)));
    relayBody(req, sink);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    const text = await new Promise<string>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', headers }, (res) => {
        let out = '';
        res.on('data', (c: Buffer) => (out += c.toString()));
        res.on('end', () => resolve(out));
      });
      req.on('error', reject);
      for (const part of parts) req.write(part);
      req.end();
    });
    return { text, piped };
  } finally {
    server.close();
  }
}

describe('relayBody', () => {
  it('copies a small declared body without pipe and ends the target', async () => {
    const out = await relayed(['hello ', 'world'], { 'content-length': '11' });
    expect(out).toEqual({ text: 'hello world', piped: false });
  });

  it('ends the target of a message with no body', async () => {
    expect(await relayed([], {})).toEqual({ text: '', piped: false });
  });

  it('pipes a declared body larger than SMALL_BODY_BYTES, intact', async () => {
    const big = 'a'.repeat(SMALL_BODY_BYTES) + 'z';
    const out = await relayed([big], { 'content-length': String(big.length) });
    expect(out.piped).toBe(true);
    expect(out.text.length).toBe(big.length);
    expect(out.text.endsWith('az')).toBe(true);
  });

  it('pipes a chunked body of unknown length, intact', async () => {
    const out = await relayed(['one,', 'two,', 'three'], { 'transfer-encoding': 'chunked' });
    expect(out).toEqual({ text: 'one,two,three', piped: true });
  });
});

const opened: Server[] = [];
afterEach(() => {
  for (const server of opened.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('flushHeadersSoon', () => {
  it('sends the status line of a response whose body has not started', async () => {
    let finish: () => void = () => undefined;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      flushHeadersSoon(res);
      finish = () => res.end('late\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    // Closed even when the headers never come (the test then times out, the server must not linger).
    opened.push(server);
    const { port } = server.address() as AddressInfo;
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) =>
        request({ port, host: '127.0.0.1' }, resolve).on('error', reject).end(),
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson');
      finish();
      let text = '';
      for await (const chunk of res) text += String(chunk);
      expect(text).toBe('late\n');
    } finally {
      server.close();
    }
  });
});
