import type { Socket, SocketHandler } from 'bun';
import { Exchange } from './upstream-exchange.js';
import type { Connection, UpstreamExchange, UpstreamRequest } from './upstream-exchange.js';

/** How long an idle connection is kept without a Keep-Alive hint: under Node's 5 s default. */
const DEFAULT_IDLE_MS = 4000;

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
