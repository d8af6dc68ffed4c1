import type { Socket } from 'bun';
import { ResponseParser } from './response-parser.js';
import type { ResponseHead } from './response-parser.js';

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

/** What the pool keeps on each socket. */
export interface Connection {
  exchange: Exchange | undefined;
  /** performance.now() after which an idle connection is not used again. */
  idleUntil: number;
}

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
 * One request on one keep-alive connection to the function's server: writes the request (the head
 * and a small body in one write, a streamed body chunk by chunk with backpressure), parses the
 * answer (response-parser.ts) and hands the connection back to the pool once both are complete.
 * A reused connection found closed before any byte of an answer sends the request again (`retry`).
 */
export class Exchange implements UpstreamExchange {
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
