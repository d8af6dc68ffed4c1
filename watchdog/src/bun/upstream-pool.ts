import type { Socket, SocketHandler } from 'bun';
import { ResponseParser } from '../response-parser.js';
import type { ResponseHead } from '../response-parser.js';

/** A request as the pool sends it. */
export interface UpstreamRequest {
  method: string;
  /** The request line and header section, as `requestHead()` writes them. */
  head: string;
  /** The whole body (sent with the head in one write), a stream (sent as it is read), or none. */
  body: Uint8Array | ReadableStream<Uint8Array> | null;
  /** A streamed body goes with chunked coding; otherwise the head's Content-Length frames it. */
  chunked: boolean;
}

/** The upstream's answer: its head and its body, whole when small, else a stream. */
export interface UpstreamResponse {
  head: ResponseHead;
  body: Uint8Array | ReadableStream<Uint8Array>;
}

/** One request on one connection. */
export interface UpstreamExchange {
  /** Resolves at the response head (with the whole body when it is at most `bufferLimit` bytes). */
  readonly response: Promise<UpstreamResponse>;
  /** Resolves when the exchange is over: body delivered, failed, or aborted. */
  readonly done: Promise<void>;
  /** Stops the exchange and closes its connection; a pending `response` rejects with `reason`. */
  abort(reason?: Error): void;
}

interface Connection {
  exchange: Exchange | undefined;
  /** performance.now() after which an idle connection is not used again. */
  idleUntil: number;
}

/** How long an idle connection is kept without a Keep-Alive hint: under Node's 5 s default. */
const DEFAULT_IDLE_MS = 4000;

/** How much of a streamed response body may wait for the client before the upstream is paused. */
const STREAM_HIGH_WATER = 64 * 1024;

const CRLF = new Uint8Array([13, 10]);
const LAST_CHUNK = new Uint8Array([48, 13, 10, 13, 10]); // 0 CRLF CRLF

function join(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function latin1Bytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/**
 * Keep-alive HTTP/1.1 connections to the function's own server, on the watchdog's thread (Bun's
 * `fetch` runs its connections on a separate thread: every call then crossed threads twice, with
 * ≈ 14 syscalls per call instead of ≈ 4 and ~10 µs more CPU; bench/README.md, "Gateway",
 * session 4). One request per
 * connection at a time; idle connections are reused last-in first-out and dropped before the
 * upstream's Keep-Alive timeout would close them. A request whose reused connection turns out
 * closed before any byte of an answer is sent again once on a new connection, when its body is
 * in memory.
 */
export class UpstreamPool {
  private readonly idle: Socket<Connection>[] = [];
  private readonly handlers: SocketHandler<Connection>;
  private closed = false;

  constructor(
    private readonly hostname: string,
    private readonly port: number,
    /** Response bodies up to this many bytes (by Content-Length) are delivered whole. */
    private readonly bufferLimit: number,
  ) {
    const gone = (socket: Socket<Connection>, err?: Error): void => {
      const i = this.idle.indexOf(socket);
      if (i >= 0) this.idle.splice(i, 1);
      socket.data.exchange?.onClose(err);
    };
    this.handlers = {
      data(socket, data) {
        const exchange = socket.data.exchange;
        if (exchange) exchange.onData(data);
        else socket.terminate(); // bytes on an idle connection: the upstream broke HTTP
      },
      drain(socket) {
        socket.data.exchange?.onDrain();
      },
      end: (socket) => gone(socket),
      close: (socket, err) => gone(socket, err),
      error: (socket, err) => gone(socket, err),
    };
  }

  /** Sends `request` upstream. */
  exchange(request: UpstreamRequest): UpstreamExchange {
    const exchange = new Exchange(request, this.bufferLimit, (socket, hintMs) =>
      this.release(socket, hintMs),
    );
    this.attach(exchange, false);
    return exchange;
  }

  /** Closes every idle connection; exchanges in flight end on their own. */
  close(): void {
    this.closed = true;
    for (const socket of this.idle.splice(0)) socket.terminate();
  }

  private attach(exchange: Exchange, freshOnly: boolean): void {
    const now = performance.now();
    let socket: Socket<Connection> | undefined;
    while (!freshOnly && (socket = this.idle.pop()) !== undefined) {
      if (socket.data.idleUntil > now && socket.readyState === 1) break;
      socket.terminate();
      socket = undefined;
    }
    if (socket !== undefined) {
      exchange.start(socket, true, () => this.attach(exchange, true));
      return;
    }
    Bun.connect<Connection>({
      hostname: this.hostname,
      port: this.port,
      data: { exchange: undefined, idleUntil: 0 },
      socket: this.handlers,
    }).then(
      (fresh) => exchange.start(fresh, false, () => undefined),
      (err: Error) => exchange.fail(err),
    );
  }

  private release(socket: Socket<Connection>, hintMs: number | undefined): void {
    socket.data.exchange = undefined;
    if (this.closed || socket.readyState !== 1) {
      socket.terminate();
      return;
    }
    const life = hintMs === undefined ? DEFAULT_IDLE_MS : Math.max(hintMs - 1000, hintMs / 2);
    socket.data.idleUntil = performance.now() + life;
    this.idle.push(socket);
  }
}

class Exchange implements UpstreamExchange {
  readonly response: Promise<UpstreamResponse>;
  readonly done: Promise<void>;
  private resolveResponse!: (r: UpstreamResponse) => void;
  private rejectResponse!: (err: Error) => void;
  private resolveDone!: () => void;
  private socket: Socket<Connection> | undefined;
  private readonly parser: ResponseParser;
  private head: ResponseHead | undefined;
  private responded = false;
  private finished = false;
  private requestSent = false;
  private received = false;
  private retry: (() => void) | undefined;
  private parts: Uint8Array[] = [];
  private size = 0;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private unwritten: Uint8Array | undefined;
  private drained: (() => void) | undefined;

  constructor(
    private readonly request: UpstreamRequest,
    private readonly bufferLimit: number,
    private readonly release: (socket: Socket<Connection>, hintMs: number | undefined) => void,
  ) {
    this.response = new Promise((resolve, reject) => {
      this.resolveResponse = resolve;
      this.rejectResponse = reject;
    });
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.parser = new ResponseParser(request.method, {
      head: (head) => this.onHead(head),
      body: (chunk) => this.onBody(chunk),
      end: () => this.onEnd(),
    });
  }

  /** Sends the request on `socket`; `retry` sends it again on a new connection. */
  start(socket: Socket<Connection>, reused: boolean, retry: () => void): void {
    if (this.finished) {
      if (reused) this.release(socket, undefined);
      else socket.terminate();
      return;
    }
    this.socket = socket;
    this.unwritten = undefined;
    this.requestSent = false;
    this.retry = reused && !(this.request.body instanceof ReadableStream) ? retry : undefined;
    socket.data.exchange = this;
    const head = latin1Bytes(this.request.head);
    const { body } = this.request;
    if (body instanceof ReadableStream) {
      void this.pump(body, this.write(head));
    } else if (
      this.write(body === null || body.length === 0 ? head : join([head, body], head.length + body.length))
    ) {
      this.requestSent = true;
    } else {
      this.drained = () => {
        this.requestSent = true;
        if (this.parser.complete) this.settle();
      };
    }
  }

  abort(reason: Error = new Error('aborted')): void {
    this.fail(reason);
  }

  fail(err: Error): void {
    if (this.finished) return;
    this.finished = true;
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.data.exchange = undefined;
      socket.terminate();
    }
    if (!this.responded) this.rejectResponse(err);
    else if (this.controller) this.controller.error(err);
    this.drained?.();
    this.resolveDone();
  }

  onData(data: Uint8Array): void {
    this.received = true;
    try {
      this.parser.feed(data);
    } catch (err) {
      this.fail(err as Error);
    }
  }

  onDrain(): void {
    const rest = this.unwritten;
    if (rest === undefined) return;
    this.unwritten = undefined;
    if (this.write(rest)) {
      const resume = this.drained;
      this.drained = undefined;
      resume?.();
    }
  }

  onClose(err?: Error): void {
    if (this.finished) return;
    if (!this.received && this.retry) {
      // A reused connection the upstream had already closed: nothing was answered, so send again.
      const retry = this.retry;
      this.retry = undefined;
      if (this.socket) this.socket.data.exchange = undefined;
      this.socket = undefined;
      retry();
      return;
    }
    try {
      this.parser.eof();
    } catch (parseError) {
      this.fail(err ?? (parseError as Error));
    }
  }

  /** Writes `bytes`; false when some wait for the socket to drain (or the socket is gone). */
  private write(bytes: Uint8Array): boolean {
    const socket = this.socket;
    if (socket === undefined) return false;
    const n = socket.write(bytes);
    if (n < 0) {
      // Closed under us: its close event settles the exchange (or sends the request again).
      queueMicrotask(() => {
        if (this.socket === socket) this.onClose(new Error('the connection to the function closed'));
      });
      return false;
    }
    if (n < bytes.length) {
      this.unwritten = bytes.subarray(n);
      return false;
    }
    return true;
  }

  private untilDrained(): Promise<void> {
    return new Promise<void>((resolve) => (this.drained = resolve));
  }

  /** Sends a streamed body, chunk by chunk, waiting for the socket to drain between writes. */
  private async pump(body: ReadableStream<Uint8Array>, headWritten: boolean): Promise<void> {
    if (!headWritten) await this.untilDrained();
    const reader = body.getReader();
    try {
      for (;;) {
        if (this.finished) return;
        const { done, value } = await reader.read();
        if (this.finished) return;
        if (done) break;
        if (value.length === 0) continue;
        let framed = value;
        if (this.request.chunked) {
          const size = latin1Bytes(`${value.length.toString(16)}\r\n`);
          framed = join([size, value, CRLF], size.length + value.length + CRLF.length);
        }
        if (!this.write(framed)) await this.untilDrained();
      }
      if (this.request.chunked && !this.write(LAST_CHUNK)) await this.untilDrained();
      if (this.finished) return;
      this.requestSent = true;
      if (this.parser.complete) this.settle();
    } catch (err) {
      this.fail(err as Error); // the client's body broke off
    } finally {
      reader.releaseLock();
    }
  }

  private onHead(head: ResponseHead): void {
    this.head = head;
    if (head.contentLength !== undefined && head.contentLength <= this.bufferLimit) return; // onEnd answers
    this.responded = true;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => (this.controller = controller),
        pull: () => {
          if (this.socket?.readyState === 1) this.socket.resume();
        },
        cancel: () => this.fail(new Error('the client stopped reading')),
      },
      { highWaterMark: STREAM_HIGH_WATER, size: (chunk: Uint8Array | undefined) => chunk?.byteLength ?? 0 },
    );
    this.resolveResponse({ head, body: stream });
  }

  private onBody(chunk: Uint8Array): void {
    const copy = chunk.slice();
    if (this.controller === undefined) {
      this.parts.push(copy);
      this.size += copy.length;
      return;
    }
    this.controller.enqueue(copy);
    if ((this.controller.desiredSize ?? 1) <= 0) this.socket?.pause();
  }

  private onEnd(): void {
    const head = this.head as ResponseHead;
    if (this.controller) this.controller.close();
    else {
      this.responded = true;
      this.resolveResponse({ head, body: join(this.parts, this.size) });
      this.parts = [];
    }
    this.settle();
  }

  /** The response has ended: hand the connection back when the request has been sent too. */
  private settle(): void {
    if (this.finished) return;
    if (!this.requestSent) {
      // Answered before the whole body was sent (an early 413, say): the connection is spent.
      this.finished = true;
      if (this.socket) {
        this.socket.data.exchange = undefined;
        this.socket.terminate();
      }
      this.socket = undefined;
      this.drained?.();
      this.resolveDone();
      return;
    }
    this.finished = true;
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      if (this.parser.reusable) this.release(socket, this.head?.keepAliveHintMs);
      else {
        socket.data.exchange = undefined;
        socket.terminate();
      }
    }
    this.resolveDone();
  }
}
