import { MAX_HEAD_BYTES, ResponseParseError, ResponseParser, requestHead } from './response-parser.js';
import type { ResponseHead } from './response-parser.js';

interface Parsed {
  head?: ResponseHead;
  body: string;
  ended: boolean;
  parser: ResponseParser;
}

/** Feeds `pieces` in order (each split further into `step`-byte slices when given). */
function parse(
  pieces: (string | Uint8Array)[],
  opts: { method?: string; step?: number; eof?: boolean } = {},
): Parsed {
  const out: Parsed = { body: '', ended: false } as Parsed;
  out.parser = new ResponseParser(opts.method ?? 'GET', {
    head: (head) => (out.head = head),
    body: (chunk) => (out.body += Buffer.from(chunk).toString('latin1')),
    end: () => (out.ended = true),
  });
  for (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'latin1') : piece;
    const step = opts.step ?? bytes.length;
    for (let i = 0; i < bytes.length; i += step) out.parser.feed(bytes.subarray(i, i + step));
  }
  if (opts.eof) out.parser.eof();
  return out;
}

const OK = 'HTTP/1.1 200 OK\r\n';

describe('ResponseParser', () => {
  describe.each([
    ['in one piece', undefined],
    ['a byte at a time', 1],
    ['in 3-byte pieces', 3],
  ])('framing, fed %s', (_how, step) => {
    it.each([
      ['Content-Length', `${OK}Content-Length: 5\r\nX-A: 1\r\n\r\nhello`, 'hello', true],
      [
        'chunked with extensions and trailers',
        `${OK}Transfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1A\r\n${'z'.repeat(26)}\r\n0\r\nX-Trailer: t\r\n\r\n`,
        `hello${'z'.repeat(26)}`,
        true,
      ],
      ['chunked with bare LF line ends', `${OK}Transfer-Encoding: chunked\n\n3\nabc\n0\n\n`, 'abc', true],
      ['an empty chunked body', `${OK}Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n`, '', true],
      ['Content-Length: 0', `${OK}Content-Length: 0\r\n\r\n`, '', true],
    ])('%s', (_name, wire, body, reusable) => {
      const r = parse([wire], { step });
      expect(r.head?.status).toBe(200);
      expect(r.body).toBe(body);
      expect(r.ended).toBe(true);
      expect(r.parser.reusable).toBe(reusable);
    });
  });

  it('reports status, reason, headers in order with their spelling, and the length', () => {
    const r = parse([
      `HTTP/1.1 201 Created Here\r\nX-One: a\r\nSet-Cookie: x=1\r\nset-cookie: y=2\r\nContent-Length: 2\r\n\r\nok`,
    ]);
    expect(r.head).toEqual({
      status: 201,
      statusText: 'Created Here',
      headers: ['X-One', 'a', 'Set-Cookie', 'x=1', 'set-cookie', 'y=2', 'Content-Length', '2'],
      contentLength: 2,
      keepAlive: true,
      keepAliveHintMs: undefined,
    });
  });

  it('trims optional whitespace around header values and allows an empty value', () => {
    const r = parse([`${OK}X-A:   spaced \t\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n`]);
    expect(r.head?.headers).toEqual(['X-A', 'spaced', 'X-Empty', '', 'Content-Length', '0']);
  });

  it('delivers a length-delimited body as it arrives, before the end', () => {
    const chunks: string[] = [];
    let ended = false;
    const parser = new ResponseParser('GET', {
      head: () => undefined,
      body: (c) => chunks.push(Buffer.from(c).toString()),
      end: () => (ended = true),
    });
    parser.feed(Buffer.from(`${OK}Content-Length: 10\r\n\r\nfirst`));
    expect(chunks).toEqual(['first']);
    expect(ended).toBe(false);
    parser.feed(Buffer.from('-last'));
    expect(chunks).toEqual(['first', '-last']);
    expect(ended).toBe(true);
  });

  it('reads a body without length or chunking until the connection closes, and never reuses it', () => {
    const r = parse([`${OK}Content-Type: text/plain\r\n\r\nuntil `, 'the end'], { eof: true });
    expect(r.body).toBe('until the end');
    expect(r.ended).toBe(true);
    expect(r.head?.keepAlive).toBe(false);
    expect(r.parser.reusable).toBe(false);
  });

  it.each([
    ['HEAD', 'HEAD', 200],
    ['204', 'GET', 204],
    ['304', 'GET', 304],
  ])('a %s response has no body whatever its headers say', (_name, method, status) => {
    const r = parse([`HTTP/1.1 ${status} X\r\nContent-Length: 100\r\n\r\n`], { method });
    expect(r.ended).toBe(true);
    expect(r.body).toBe('');
    expect(r.head?.contentLength).toBe(0);
    expect(r.parser.reusable).toBe(true);
  });

  it('skips 1xx interim responses and parses the final one', () => {
    const r = parse(
      [
        `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${OK}Content-Length: 2\r\n\r\nhi`,
      ],
      { step: 7 },
    );
    expect(r.head?.status).toBe(200);
    expect(r.body).toBe('hi');
  });

  it.each([
    ['Connection: close on HTTP/1.1', `${OK}Connection: close\r\nContent-Length: 0\r\n\r\n`, false],
    ['HTTP/1.0 without keep-alive', 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', false],
    [
      'HTTP/1.0 with Connection: keep-alive',
      'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n',
      true,
    ],
    [
      'both Transfer-Encoding and Content-Length',
      `${OK}Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n`,
      false,
    ],
  ])('keep-alive: %s', (_name, wire, keepAlive) => {
    const r = parse([wire]);
    expect(r.ended).toBe(true);
    expect(r.parser.reusable).toBe(keepAlive);
  });

  it('reads the Keep-Alive timeout hint in ms', () => {
    expect(
      parse([`${OK}Keep-Alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n`]).head?.keepAliveHintMs,
    ).toBe(5000);
  });

  it('treats a final coding other than chunked as close-delimited', () => {
    const r = parse([`${OK}Transfer-Encoding: gzip\r\n\r\nraw`], { eof: true });
    expect(r.body).toBe('raw');
    expect(r.parser.reusable).toBe(false);
  });

  it('marks a connection that sends bytes after the response as not reusable', () => {
    const r = parse([`${OK}Content-Length: 1\r\n\r\nxGARBAGE`]);
    expect(r.body).toBe('x');
    expect(r.ended).toBe(true);
    expect(r.parser.reusable).toBe(false);
  });

  it.each([
    ['a status line that is not HTTP/1.x', 'HTTP/2 200\r\n\r\n', /status line/],
    ['a garbage status line', 'hello\r\n\r\n', /status line/],
    ['a header line without a colon', `${OK}NoColon\r\n\r\n`, /malformed response header/],
    ['a header name with a space', `${OK}Bad Name: x\r\n\r\n`, /malformed response header/],
    ['obsolete line folding', `${OK}X-A: 1\r\n  folded\r\n\r\n`, /line folding/],
    ['a non-numeric Content-Length', `${OK}Content-Length: 12abc\r\n\r\n`, /invalid Content-Length/],
    [
      'conflicting Content-Lengths',
      `${OK}Content-Length: 1\r\nContent-Length: 2\r\n\r\n`,
      /invalid Content-Length/,
    ],
    ['a negative Content-Length', `${OK}Content-Length: -1\r\n\r\n`, /invalid Content-Length/],
    ['an invalid chunk size', `${OK}Transfer-Encoding: chunked\r\n\r\nzz\r\n`, /invalid chunk size/],
    ['chunk data not followed by CRLF', `${OK}Transfer-Encoding: chunked\r\n\r\n2\r\nabX`, /CRLF/],
    ['a 101 upgrade', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n', /101/],
  ])('rejects %s', (_name, wire, message) => {
    expect(() => parse([wire])).toThrow(ResponseParseError);
    expect(() => parse([wire])).toThrow(message);
  });

  it('accepts equal repeated Content-Lengths (RFC 9110 §8.6)', () => {
    expect(parse([`${OK}Content-Length: 2, 2\r\n\r\nok`]).body).toBe('ok');
  });

  it('rejects a head larger than MAX_HEAD_BYTES, complete or not', () => {
    const big = `${OK}X-Big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n`;
    expect(() => parse([big])).toThrow(/too large/);
    expect(() => parse([`${big}\r\n`])).toThrow(/too large/);
  });

  it('rejects an endless chunk-size line and an oversized trailer section', () => {
    const chunked = `${OK}Transfer-Encoding: chunked\r\n\r\n`;
    expect(() => parse([chunked, `1;${'e'.repeat(5000)}`])).toThrow(/chunk-size line/);
    expect(() => parse([chunked, `0\r\nX-T: ${'t'.repeat(MAX_HEAD_BYTES)}\r\n`])).toThrow(/trailer/);
  });

  it.each([
    ['before any answer', '', /before answering/],
    ['mid-head', 'HTTP/1.1 200 O', /before answering/],
    ['mid-body', `${OK}Content-Length: 10\r\n\r\nshort`, /middle of the response body/],
    ['mid-chunk', `${OK}Transfer-Encoding: chunked\r\n\r\n5\r\nab`, /middle of the response body/],
  ])('fails when the connection closes %s', (_name, wire, message) => {
    expect(() => parse([wire], { eof: true })).toThrow(message);
  });

  it('ignores eof after a complete response', () => {
    const r = parse([`${OK}Content-Length: 1\r\n\r\nx`], { eof: true });
    expect(r.ended).toBe(true);
  });

  it('takes binary bodies byte for byte', () => {
    const body = Uint8Array.from({ length: 256 }, (_, i) => i);
    const received: number[] = [];
    const parser = new ResponseParser('GET', {
      head: () => undefined,
      body: (c) => received.push(...c),
      end: () => undefined,
    });
    parser.feed(Buffer.from(`${OK}Transfer-Encoding: chunked\r\n\r\n100\r\n`));
    parser.feed(body);
    parser.feed(Buffer.from('\r\n0\r\n\r\n'));
    expect(received).toEqual([...body]);
    expect(parser.complete).toBe(true);
  });
});

describe('requestHead', () => {
  it.each([
    [{ length: 5 }, 'content-length: 5\r\n'],
    ['chunked' as const, 'transfer-encoding: chunked\r\n'],
    ['none' as const, ''],
  ])('writes the request line, the headers and the framing %p', (framing, line) => {
    const head = requestHead(
      'POST',
      '/a?b=1',
      [
        ['Host', 'h'],
        ['X-A', '1'],
      ],
      framing,
    );
    expect(head).toBe(`POST /a?b=1 HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n${line}\r\n`);
  });
});
