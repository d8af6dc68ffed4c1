import {
  AckPolicy,
  DeliverPolicy,
  RetentionPolicy,
  StorageType,
  nanos,
  type Consumer as JsConsumer,
  type ConsumerMessages,
  type JsMsg,
} from 'nats';
import { FaasError } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { ConsumeOptions, Consumer, Delivery, DeliveryHandler, Queue, QueueMessage } from '../types.js';
import type { JetStream, NatsLink } from './nats-connection.js';

/** The durable pull consumer every worker of a queue shares. */
const DURABLE = 'worker';
/** How long one pull waits for a message before asking again. */
const PULL_EXPIRES_MS = 2_000;

/** How a queue maps onto JetStream names. */
export interface StreamNames {
  /** `<prefix>-queue-<name>`. */
  stream: string;
  /** `<prefix>.queue.<name>`. */
  subject: string;
}

/**
 * One queue as a JetStream stream with work-queue retention (a message is deleted once acked) on
 * file storage, and one durable pull consumer with explicit acks, AckWait = the ack deadline and
 * no MaxDeliver: the worker counts attempts itself, so a message whose last attempt died with
 * its worker is still delivered once more and dead-lettered rather than stranded in the stream.
 */
export class NatsQueue implements Queue {
  private stream?: Promise<void>;

  constructor(
    readonly name: string,
    private readonly names: StreamNames,
    private readonly link: NatsLink,
    private readonly logger: Logger,
    private readonly publishTimeoutMs: number,
  ) {}

  async publish(message: QueueMessage): Promise<void> {
    const data = Buffer.from(JSON.stringify(message));
    for (let tries = 0; ; tries++) {
      const { js, nc } = await this.ready();
      const max = nc.info?.max_payload;
      if (max !== undefined && data.length > max) {
        throw new FaasError(
          'PAYLOAD_TOO_LARGE',
          `The queued call is ${data.length} bytes (its body base64, with headers); NATS takes at most ${max} (max_payload): lower the gateway's max_async_body_size or raise NATS's max_payload.`,
        );
      }
      try {
        await js.publish(this.names.subject, data, { timeout: this.publishTimeoutMs });
        return;
      } catch (err) {
        // "no responders": the stream is gone (a server that lost its store); create it once more.
        if (tries > 0 || !/no responders|503/i.test((err as Error).message)) throw err;
        this.stream = undefined;
      }
    }
  }

  consume(handler: DeliveryHandler, options: ConsumeOptions): Consumer {
    const state = { stopped: false, running: new Set<Promise<void>>(), pulls: new Set<ConsumerMessages>() };
    let consumer: Promise<JsConsumer> | undefined;
    // One outstanding pull of one message per free slot: nothing waits in a client-side buffer
    // while its ack deadline runs, and stop() can cancel the pulls still waiting.
    const pull = async (): Promise<JsMsg | undefined> => {
      consumer ??= this.durable(options.ackDeadlineMs);
      try {
        const batch = await (await consumer).fetch({ max_messages: 1, expires: PULL_EXPIRES_MS });
        state.pulls.add(batch);
        try {
          for await (const msg of batch) return msg;
          return undefined;
        } finally {
          state.pulls.delete(batch);
        }
      } catch (err) {
        // Ask again next time: the consumer, or its stream, may have to be made anew (a server
        // that lost its store).
        consumer = undefined;
        this.stream = undefined;
        throw err;
      }
    };
    const slot = async (): Promise<void> => {
      while (!state.stopped) {
        let msg: JsMsg | undefined;
        try {
          msg = await pull();
        } catch (err) {
          if (state.stopped) return;
          this.logger.debug('pull failed, retrying', { queue: this.name, error: (err as Error).message });
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        if (!msg) continue;
        if (state.stopped) return msg.nak();
        const run = this.handle(msg, handler);
        state.running.add(run);
        await run;
        state.running.delete(run);
      }
    };
    const slots = Array.from({ length: options.concurrency }, () => slot());
    return {
      stop: async () => {
        state.stopped = true;
        for (const batch of state.pulls) batch.stop();
        await Promise.all([...state.running, ...slots]);
      },
    };
  }

  async depth(): Promise<number> {
    const { jsm } = await this.ready();
    return (await jsm.streams.info(this.names.stream)).state.messages;
  }

  private async handle(msg: JsMsg, handler: DeliveryHandler): Promise<void> {
    let message: QueueMessage;
    try {
      message = JSON.parse(Buffer.from(msg.data).toString()) as QueueMessage;
    } catch {
      this.logger.error('dropping a message that is not JSON', { queue: this.name, seq: msg.seq });
      return msg.term();
    }
    try {
      await handler(toDelivery(msg, message, this.publishTimeoutMs));
    } catch (err) {
      this.logger.error('delivery handler failed', { queue: this.name, error: (err as Error).message });
    }
  }

  private async ready(): Promise<JetStream> {
    const handles = await this.link.get(this.publishTimeoutMs);
    this.stream ??= this.ensureStream(handles).catch((err: unknown) => {
      this.stream = undefined;
      throw err;
    });
    await this.stream;
    return handles;
  }

  private async ensureStream({ jsm }: JetStream): Promise<void> {
    try {
      await jsm.streams.info(this.names.stream);
    } catch {
      await jsm.streams.add({
        name: this.names.stream,
        subjects: [this.names.subject],
        retention: RetentionPolicy.Workqueue,
        storage: StorageType.File,
        num_replicas: 1,
      });
    }
  }

  /** The durable consumer, created or updated to this ack deadline. */
  private async durable(ackDeadlineMs: number): Promise<JsConsumer> {
    const handles = await this.ready();
    const config = {
      durable_name: DURABLE,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(ackDeadlineMs),
      max_deliver: -1,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.names.subject,
    };
    const existing = await handles.jsm.consumers.info(this.names.stream, DURABLE).catch(() => undefined);
    if (!existing) await handles.jsm.consumers.add(this.names.stream, config);
    else if (existing.config.ack_wait !== config.ack_wait) {
      await handles.jsm.consumers.update(this.names.stream, DURABLE, { ack_wait: config.ack_wait });
    }
    return handles.js.consumers.get(this.names.stream, DURABLE);
  }
}

function toDelivery(msg: JsMsg, message: QueueMessage, timeoutMs: number): Delivery {
  return {
    message,
    attempt: msg.info.deliveryCount,
    ack: async () => {
      if (!(await msg.ackAck({ timeout: timeoutMs }))) throw new Error('NATS did not confirm the ack');
    },
    nak: async (delayMs = 0) => msg.nak(delayMs > 0 ? delayMs : undefined),
    working: async () => msg.working(),
    term: async () => msg.term(),
  };
}
