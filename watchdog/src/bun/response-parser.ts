// An incremental HTTP/1.1 response parser (RFC 9112) for the Bun runtime's upstream client
// (bun/upstream-pool.ts). Runtime-neutral: bytes in, a head, body chunks and an end out. It frames
// bodies by Content-Length, chunked coding or the connection's close, skips 1xx interim answers,
// and says whether the connection may carry another request.

/** The upstream broke HTTP/1.1: the exchange fails and the connection is not reused. */
export class ResponseParseError extends Error {}

/** A parsed status line and header section. */
export interface ResponseHead {
  status: number;
  statusText: string;
  /** `[name, value, …]` in arrival order, names as the upstream spelled them. */
  headers: string[];
  /**
   * Bytes of body that follow: the Content-Length, 0 for a response that has none (to HEAD, 204,
   * 304), undefined when the body is chunked or ends at close.
   */
  contentLength: number | undefined;
  /** The connection may carry another request once this response has ended. */
  keepAlive: boolean;
  /** The upstream's `Keep-Alive: timeout=N` hint, in ms. */
  keepAliveHintMs: number | undefined;
}

/** Where the parser delivers a response. */
export interface ResponseSink {
  head(head: ResponseHead): void;
  /** A piece of the decoded body: a view of the fed bytes, valid during the call only. */
  body(chunk: Uint8Array): void;
  end(): void;
}

/** Largest status line plus header section (and trailer section) accepted. */
export const MAX_HEAD_BYTES = 64 * 1024;

/** Longest chunk-size line accepted (hex size plus chunk extensions). */
const MAX_CHUNK_LINE = 4096;

const CR = 13;
const LF = 10;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;

type State =
  'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close' | 'done';

/** Decodes bytes one for one into a string (header sections are ISO-8859-1 on the wire). */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Index just past the blank line that ends a header section in `bytes` (CRLF CRLF, or bare LF LF
 * as lenient parsers accept), or -1 while it has not arrived.
 */
function endOfSection(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (bytes[i + 1] === LF) return i + 2;
    if (bytes[i + 1] === CR && bytes[i + 2] === LF) return i + 3;
  }
  return -1;
}

function splitLines(text: string): string[] {
  return text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** The header fields that frame a response, as lower-cased comma-separated tokens. */
interface Framing {
  connection: string[];
  'transfer-encoding': string[];
  'content-length': string[];
  'keep-alive': string[];
}

function addTokens(into: string[], value: string): void {
  for (const t of value.split(',')) {
    const token = t.trim().toLowerCase();
    if (token !== '') into.push(token);
  }
}

/**
 * One parser per request sent: `feed` every byte the connection receives, `eof` when it closes.
 * Errors are thrown as ResponseParseError; after one, the parser accepts nothing more.
 */
export class ResponseParser {
  private state: State = 'head';
  private pending: Uint8Array = new Uint8Array(0);
  private remaining = 0;
  private trailerBytes = 0;
  private head: ResponseHead | undefined;
  private excess = false;

  constructor(
    /** The request's method: a response to HEAD has no body, whatever its headers say. */
    private readonly method: string,
    private readonly sink: ResponseSink,
  ) {}

  /** True once the response has ended. */
  get complete(): boolean {
    return this.state === 'done';
  }

  /** The connection may carry another request: the response ended cleanly and allowed it. */
  get reusable(): boolean {
    return this.state === 'done' && !this.excess && (this.head?.keepAlive ?? false);
  }

  feed(data: Uint8Array): void {
    let bytes = data;
    while (bytes.length > 0) {
      switch (this.state) {
        case 'head':
          bytes = this.readHead(bytes);
          break;
        case 'length':
          bytes = this.deliver(bytes);
          if (this.remaining === 0) this.finish();
          break;
        case 'chunk-size':
          bytes = this.readChunkSize(bytes);
          break;
        case 'chunk-data':
          bytes = this.deliver(bytes);
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        case 'chunk-end':
          bytes = this.readChunkEnd(bytes);
          break;
        case 'trailers':
          bytes = this.readTrailers(bytes);
          break;
        case 'until-close':
          this.sink.body(bytes);
          bytes = bytes.subarray(bytes.length);
          break;
        case 'done':
          // Nothing may follow a response on a connection that carries one request at a time.
          this.excess = true;
          return;
      }
    }
  }

  /** The upstream closed the connection: ends a close-delimited body, else fails an unfinished one. */
  eof(): void {
    if (this.state === 'done') return;
    if (this.state === 'until-close') {
      this.finish();
      return;
    }
    this.state = 'done';
    this.excess = true;
    throw new ResponseParseError(
      this.head === undefined
        ? 'the upstream closed the connection before answering'
        : 'the upstream closed the connection in the middle of the response body',
    );
  }

  /** Hands the sink up to `remaining` bytes of body; returns what follows them. */
  private deliver(bytes: Uint8Array): Uint8Array {
    const n = Math.min(this.remaining, bytes.length);
    this.sink.body(bytes.subarray(0, n));
    this.remaining -= n;
    return bytes.subarray(n);
  }

  private finish(): void {
    this.state = 'done';
    this.sink.end();
  }

  private fail(message: string): never {
    this.state = 'done';
    this.excess = true;
    throw new ResponseParseError(message);
  }

  private readHead(bytes: Uint8Array): Uint8Array {
    const buffered = concat(this.pending, bytes);
    const end = endOfSection(buffered);
    if (end < 0) {
      if (buffered.length > MAX_HEAD_BYTES) this.fail('the response head is too large');
      this.pending = buffered;
      return bytes.subarray(bytes.length);
    }
    if (end > MAX_HEAD_BYTES) this.fail('the response head is too large');
    this.pending = new Uint8Array(0);
    const lines = splitLines(latin1(buffered.subarray(0, end)));
    const statusLine = STATUS_LINE.exec(lines[0] as string);
    if (!statusLine)
      this.fail(`not an HTTP/1.x status line: ${JSON.stringify((lines[0] as string).slice(0, 80))}`);
    const minor = Number(statusLine[1]);
    const status = Number(statusLine[2]);
    const headers: string[] = [];
    const framing: Framing = {
      connection: [],
      'transfer-encoding': [],
      'content-length': [],
      'keep-alive': [],
    };
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      if (line.startsWith(' ') || line.startsWith('\t'))
        this.fail('obsolete line folding in the response head');
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      if (!TOKEN.test(name))
        this.fail(`malformed response header line: ${JSON.stringify(line.slice(0, 80))}`);
      const value = line.slice(colon + 1).trim();
      headers.push(name, value);
      const lower = name.toLowerCase();
      if (Object.hasOwn(framing, lower)) addTokens(framing[lower as keyof Framing], value);
    }
    const rest = buffered.subarray(end);
    if (status < 200) {
      // 1xx answers come before the real one; an upgrade (101) would leave HTTP behind.
      if (status === 101)
        this.fail('the upstream switched protocols (101), which the watchdog does not proxy');
      return rest;
    }
    this.startBody(minor, status, statusLine[3] ?? '', headers, framing);
    return rest;
  }

  private startBody(
    minor: number,
    status: number,
    statusText: string,
    headers: string[],
    framing: Framing,
  ): void {
    const { connection, 'transfer-encoding': codings, 'content-length': lengths } = framing;
    let keepAlive = minor === 1 ? !connection.includes('close') : connection.includes('keep-alive');
    let contentLength: number | undefined;
    let next: State;
    if (this.method === 'HEAD' || status === 204 || status === 304) {
      next = 'done';
      contentLength = 0;
    } else if (codings.length > 0) {
      // Transfer-Encoding overrides Content-Length (RFC 9112 §6.3); a message with both, or with
      // a final coding other than chunked, ends only at close.
      next = codings[codings.length - 1] === 'chunked' ? 'chunk-size' : 'until-close';
      if (next === 'until-close' || lengths.length > 0) keepAlive = false;
    } else if (lengths.length > 0) {
      if (!lengths.every((l) => /^\d{1,15}$/.test(l) && l === lengths[0]))
        this.fail(`invalid Content-Length: ${JSON.stringify(lengths.join(', '))}`);
      contentLength = Number(lengths[0]);
      next = contentLength === 0 ? 'done' : 'length';
      this.remaining = contentLength;
    } else {
      next = 'until-close';
      keepAlive = false;
    }
    const hint = /(?:^|,)timeout=(\d+)/.exec(framing['keep-alive'].join(',').replace(/ /g, ''));
    this.head = {
      status,
      statusText,
      headers,
      contentLength,
      keepAlive,
      keepAliveHintMs: hint ? Number(hint[1]) * 1000 : undefined,
    };
    this.sink.head(this.head);
    if (next === 'done') this.finish();
    else this.state = next;
  }

  private readChunkSize(bytes: Uint8Array): Uint8Array {
    const lf = bytes.indexOf(LF);
    if (lf < 0) {
      this.pending = concat(this.pending, bytes);
      if (this.pending.length > MAX_CHUNK_LINE) this.fail('a chunk-size line is too long');
      return bytes.subarray(bytes.length);
    }
    const line = latin1(concat(this.pending, bytes.subarray(0, lf)));
    this.pending = new Uint8Array(0);
    if (line.length > MAX_CHUNK_LINE) this.fail('a chunk-size line is too long');
    const hex = (line.endsWith('\r') ? line.slice(0, -1) : line).split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,12}$/.test(hex))
      this.fail(`invalid chunk size: ${JSON.stringify(hex.slice(0, 20))}`);
    const size = parseInt(hex, 16);
    if (size === 0) {
      this.state = 'trailers';
      this.trailerBytes = 0;
    } else {
      this.state = 'chunk-data';
      this.remaining = size;
    }
    return bytes.subarray(lf + 1);
  }

  /** The CRLF after a chunk's data (a bare LF accepted). */
  private readChunkEnd(bytes: Uint8Array): Uint8Array {
    let i = 0;
    if (this.pending.length === 0 && bytes[0] === CR) {
      if (bytes.length === 1) {
        this.pending = bytes.slice(0, 1);
        return bytes.subarray(1);
      }
      i = 1;
    }
    if (bytes[i] !== LF) this.fail('chunk data is not followed by CRLF');
    this.pending = new Uint8Array(0);
    this.state = 'chunk-size';
    return bytes.subarray(i + 1);
  }

  /** Trailer fields after the last chunk are read and dropped, up to the blank line. */
  private readTrailers(bytes: Uint8Array): Uint8Array {
    let rest = bytes;
    while (rest.length > 0) {
      const lf = rest.indexOf(LF);
      if (lf < 0) {
        this.pending = concat(this.pending, rest);
        this.trailerBytes += rest.length;
        if (this.trailerBytes > MAX_HEAD_BYTES) this.fail('the trailer section is too large');
        return rest.subarray(rest.length);
      }
      const line = concat(this.pending, rest.subarray(0, lf));
      this.pending = new Uint8Array(0);
      this.trailerBytes += lf + 1;
      if (this.trailerBytes > MAX_HEAD_BYTES) this.fail('the trailer section is too large');
      rest = rest.subarray(lf + 1);
      if (line.length === 0 || (line.length === 1 && line[0] === CR)) {
        this.finish();
        return rest;
      }
    }
    return rest;
  }
}

/**
 * The head of a request as sent upstream: request line, the given header fields, and the framing
 * the body needs (`length`: Content-Length; `chunked`: Transfer-Encoding; `none`: no body).
 * Names and values come from a parsed request, so they hold no CR or LF.
 */
export function requestHead(
  method: string,
  target: string,
  headers: Iterable<[string, string]>,
  framing: { length: number } | 'chunked' | 'none',
): string {
  let head = `${method} ${target} HTTP/1.1\r\n`;
  for (const [name, value] of headers) head += `${name}: ${value}\r\n`;
  if (framing === 'chunked') head += 'transfer-encoding: chunked\r\n';
  else if (framing !== 'none') head += `content-length: ${framing.length}\r\n`;
  return `${head}\r\n`;
}
