import type { Logger } from '@faas/service-kit';
import type { ConsumeOptions, Consumer, Delivery, DeliveryHandler, Queue, QueueMessage } from '../types.js';
import { AppendLog } from './append-log.js';
import { ReadyList } from './ready-list.js';

/** A record of a queue's log: publish (with deliveries so far), delivery, acknowledgement. */
type QueueRecord =
  | { t: 'p'; s: number; m: QueueMessage; n?: number }
  | { t: 'd'; s: number; n: number }
  | { t: 'a'; s: number };

type State = 'writing' | 'ready' | 'delayed' | 'leased';

interface Entry {
  seq: number;
  message: QueueMessage;
  deliveries: number;
  state: State;
  /** Bumped on every delivery and expiry, so a stale delivery's nak/working is ignored. */
  lease: number;
  timer?: NodeJS.Timeout;
  /** Rough size in the log, for the compaction heuristic. */
  bytes: number;
}

interface ActiveConsumer {
  handler: DeliveryHandler;
  options: ConsumeOptions;
  running: Set<Promise<void>>;
  stopped: boolean;
}

/** By default, compact once the log is this big and less than half of it is still live. */
export const COMPACT_AT_BYTES = 4 * 1024 * 1024;

/**
 * One queue of the embedded backend: an {@link AppendLog} on disk, the live messages in memory.
 * A publish resolves after fsync; deliveries and acks are written without fsync (a killed process
 * loses nothing the kernel already has; only a power cut can cost an ack, i.e. a duplicate).
 */
export class EmbeddedQueue implements Queue {
  private readonly entries = new Map<number, Entry>();
  private readonly ready = new ReadyList();
  private log?: AppendLog<QueueRecord>;
  private readonly loaded: Promise<void>;
  private nextSeq = 1;
  private liveBytes = 0;
  private compacting = false;
  private consumer?: ActiveConsumer;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly path: string,
    private readonly logger: Logger,
    private readonly compactAtBytes: number = COMPACT_AT_BYTES,
    /** Live messages are held in memory: a publish past this many bytes is refused (0: no cap). */
    private readonly maxBytes = 0,
  ) {
    this.loaded = this.load();
    this.loaded.catch((err: Error) =>
      logger.error('cannot open queue log', { queue: name, error: err.message }),
    );
  }

  async publish(message: QueueMessage): Promise<void> {
    const log = await this.open();
    if (this.maxBytes > 0 && this.liveBytes + sizeOf(message) > this.maxBytes) {
      throw new Error(
        `queue ${this.name} is full: ${this.entries.size} calls wait, ${this.liveBytes} bytes of the ${this.maxBytes} it holds (queue_max_bytes); try again later`,
      );
    }
    const entry = this.add(this.nextSeq++, message, 0, 'writing');
    try {
      await log.append({ t: 'p', s: entry.seq, m: message }, true);
    } catch (err) {
      this.drop(entry);
      throw err;
    }
    // A concurrent compaction may have rewritten the record; the entry is ours either way.
    if (entry.state === 'writing') this.makeReady(entry);
  }

  consume(handler: DeliveryHandler, options: ConsumeOptions): Consumer {
    if (this.consumer) throw new Error(`queue ${this.name} already has a consumer`);
    const consumer: ActiveConsumer = { handler, options, running: new Set(), stopped: false };
    this.consumer = consumer;
    void this.loaded.then(() => this.dispatch()).catch(() => undefined);
    return {
      stop: async () => {
        consumer.stopped = true;
        if (this.consumer === consumer) this.consumer = undefined;
        await Promise.all([...consumer.running]);
      },
    };
  }

  async depth(): Promise<number> {
    await this.open();
    return this.entries.size;
  }

  /** Stops delivering and closes the log; unsettled deliveries stay in the log for next time. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.consumer) this.consumer.stopped = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    await this.loaded.catch(() => undefined);
    await this.log?.close();
  }

  private async open(): Promise<AppendLog<QueueRecord>> {
    await this.loaded;
    if (this.closed || !this.log) throw new Error(`queue ${this.name} is closed`);
    return this.log;
  }

  private async load(): Promise<void> {
    const { log, replay } = await AppendLog.open<QueueRecord>(this.path);
    this.log = log;
    for (const r of replay.records) {
      this.nextSeq = Math.max(this.nextSeq, r.s + 1);
      const existing = this.entries.get(r.s);
      if (r.t === 'p' && !existing) this.add(r.s, r.m, r.n ?? 0, 'ready');
      else if (r.t === 'd' && existing) existing.deliveries = Math.max(existing.deliveries, r.n);
      else if (r.t === 'a' && existing) this.drop(existing);
    }
    for (const entry of this.entries.values()) this.ready.push(entry.seq);
    if (replay.skipped > 0) {
      this.logger.warn('skipped torn or corrupt records in the queue log', {
        queue: this.name,
        skipped: replay.skipped,
      });
    }
    this.maybeCompact();
  }

  private add(seq: number, message: QueueMessage, deliveries: number, state: State): Entry {
    const entry: Entry = {
      seq,
      message,
      deliveries,
      state,
      lease: 0,
      bytes: sizeOf(message),
    };
    this.entries.set(seq, entry);
    this.liveBytes += entry.bytes;
    return entry;
  }

  private drop(entry: Entry): void {
    clearTimeout(entry.timer);
    if (this.entries.delete(entry.seq)) this.liveBytes -= entry.bytes;
  }

  private makeReady(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.state = 'ready';
    this.ready.push(entry.seq);
    this.dispatch();
  }

  private dispatch(): void {
    const consumer = this.consumer;
    if (!consumer || consumer.stopped || this.closed || !this.log) return;
    while (consumer.running.size < consumer.options.concurrency) {
      const entry = this.takeReady();
      if (!entry) return;
      const delivery = this.deliver(entry, consumer.options.ackDeadlineMs);
      const run: Promise<void> = Promise.resolve()
        .then(() => consumer.handler(delivery))
        .catch((err: Error) => {
          this.logger.error('delivery handler failed', { queue: this.name, error: err.message });
        })
        .finally(() => {
          consumer.running.delete(run);
          this.dispatch();
        });
      consumer.running.add(run);
    }
  }

  private takeReady(): Entry | undefined {
    for (let seq = this.ready.shift(); seq !== undefined; seq = this.ready.shift()) {
      const entry = this.entries.get(seq);
      if (entry?.state === 'ready') return entry;
    }
    return undefined;
  }

  private deliver(entry: Entry, ackDeadlineMs: number): Delivery {
    entry.deliveries++;
    entry.state = 'leased';
    const lease = ++entry.lease;
    this.arm(entry, ackDeadlineMs);
    this.write({ t: 'd', s: entry.seq, n: entry.deliveries });
    const holds = (): boolean =>
      this.entries.get(entry.seq) === entry && entry.lease === lease && entry.state === 'leased';
    const settle = async (): Promise<void> => {
      const log = await this.open();
      if (this.entries.get(entry.seq) !== entry) return;
      this.drop(entry);
      await log.append({ t: 'a', s: entry.seq }, false);
      this.maybeCompact();
    };
    return {
      message: entry.message,
      attempt: entry.deliveries,
      ack: settle,
      term: settle,
      nak: async (delayMs = 0) => {
        await this.open();
        if (!holds()) return;
        if (delayMs <= 0) return this.makeReady(entry);
        clearTimeout(entry.timer);
        entry.state = 'delayed';
        entry.timer = setTimeout(() => this.makeReady(entry), delayMs);
      },
      working: async () => {
        await this.open();
        if (holds()) this.arm(entry, ackDeadlineMs);
      },
    };
  }

  /** The ack deadline: when it passes, the message goes back to the queue for redelivery. */
  private arm(entry: Entry, ms: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.lease++;
      this.makeReady(entry);
    }, ms);
  }

  private write(record: QueueRecord): void {
    this.log?.append(record, false).catch((err: Error) => {
      this.logger.warn('cannot write to the queue log', { queue: this.name, error: err.message });
    });
  }

  private maybeCompact(): void {
    const log = this.log;
    if (!log || this.compacting || this.closed) return;
    if (log.bytes < this.compactAtBytes || this.liveBytes * 2 > log.bytes) return;
    this.compacting = true;
    log
      .rewrite(() =>
        [...this.entries.values()].map((e) => ({ t: 'p' as const, s: e.seq, m: e.message, n: e.deliveries })),
      )
      .catch((err: Error) =>
        this.logger.warn('queue log compaction failed', { queue: this.name, error: err.message }),
      )
      .finally(() => (this.compacting = false));
  }
}

/** Rough bytes of a message in memory and in the log: its body plus room for the rest. */
function sizeOf(message: QueueMessage): number {
  return message.request.body.length + 1024;
}
