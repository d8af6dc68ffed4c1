import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection } from 'nats';
import type { Logger } from '@faas/service-kit';

/** The JetStream handles, once connected. */
export interface JetStream {
  /** The connection. */
  nc: NatsConnection;
  /** Publishing and consuming. */
  js: JetStreamClient;
  /** Streams and consumers. */
  jsm: JetStreamManager;
}

/**
 * One NATS connection that keeps reconnecting forever. Opening never blocks on the server: a
 * gateway starts while NATS is down and answers 503 to async calls until it is back. While
 * disconnected, `get()` fails at once rather than buffering a publish that could be sent after
 * its caller was told 503 (a call the client may retry would then run twice).
 */
export class NatsLink {
  private readonly connecting: Promise<JetStream>;
  private handles?: JetStream;
  private connected = false;
  private closed = false;

  constructor(
    servers: string,
    private readonly logger: Logger,
    name: string,
  ) {
    this.connecting = this.connectUntilClosed(servers, name);
    this.connecting.catch((err: Error) => logger.debug('gave up connecting to NATS', { error: err.message }));
  }

  /** The handles, or an error when NATS is not reachable right now. */
  async get(waitMs: number): Promise<JetStream> {
    if (this.closed) throw new Error('the NATS connection is closed');
    if (this.handles) {
      if (!this.connected) throw new Error('NATS is unreachable (reconnecting)');
      return this.handles;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('NATS is unreachable (not connected yet)')), waitMs);
    });
    try {
      return await Promise.race([this.connecting, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether the connection is up now. */
  get isConnected(): boolean {
    return this.connected && !this.closed;
  }

  /** Drains nothing: unsettled deliveries are redelivered by the server after their deadline. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.handles) await this.handles.nc.close();
  }

  /** Tries the first connection every half second until it works or the link is closed. */
  private async connectUntilClosed(servers: string, name: string): Promise<JetStream> {
    for (let tries = 0; ; tries++) {
      if (this.closed) throw new Error('the NATS connection is closed');
      try {
        const nc = await connect({
          servers,
          name,
          maxReconnectAttempts: -1,
          reconnectTimeWait: 250,
          pingInterval: 5_000,
        });
        if (this.closed) {
          await nc.close();
          throw new Error('the NATS connection is closed');
        }
        const handles: JetStream = { nc, js: nc.jetstream(), jsm: await nc.jetstreamManager() };
        this.handles = handles;
        this.connected = true;
        this.logger.info('connected to NATS', { server: nc.getServer() });
        void this.watch(nc);
        return handles;
      } catch (err) {
        if (this.closed) throw err;
        if (tries % 20 === 0)
          this.logger.warn('cannot reach NATS yet, retrying', { servers, error: (err as Error).message });
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.logger.warn('lost the NATS connection, reconnecting', { server: String(status.data) });
      } else if (status.type === 'reconnect') {
        this.connected = true;
        this.logger.info('reconnected to NATS', { server: String(status.data) });
      }
    }
  }
}
