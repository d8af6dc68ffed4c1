import { RetentionPolicy, StorageType } from 'nats';
import type { DeadLetter, DeadLetterStore } from '../types.js';
import type { JetStream, NatsLink } from './nats-connection.js';

/**
 * Dead letters as their own JetStream stream (limits retention, file storage); a letter's id is
 * its stream sequence number, so get and remove are direct lookups.
 */
export class NatsDeadLetters implements DeadLetterStore {
  private ensured?: Promise<void>;

  constructor(
    private readonly stream: string,
    private readonly subject: string,
    private readonly link: NatsLink,
    private readonly timeoutMs: number,
  ) {}

  async add(letter: Omit<DeadLetter, 'id'>): Promise<string> {
    const { js } = await this.ready();
    const ack = await js.publish(this.subject, Buffer.from(JSON.stringify(letter)), {
      timeout: this.timeoutMs,
    });
    return String(ack.seq);
  }

  async list(limit = 100): Promise<DeadLetter[]> {
    const { jsm } = await this.ready();
    const { state } = await jsm.streams.info(this.stream);
    const letters: DeadLetter[] = [];
    if (state.messages === 0) return letters;
    for (let seq = Math.max(1, state.first_seq); seq <= state.last_seq && letters.length < limit; seq++) {
      const letter = await this.read(seq);
      if (letter) letters.push(letter);
    }
    return letters;
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const seq = Number(id);
    if (!Number.isSafeInteger(seq) || seq <= 0) return undefined;
    await this.ready();
    return this.read(seq);
  }

  async remove(id: string): Promise<boolean> {
    const seq = Number(id);
    if (!Number.isSafeInteger(seq) || seq <= 0) return false;
    const { jsm } = await this.ready();
    try {
      return await jsm.streams.deleteMessage(this.stream, seq, false);
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  private async read(seq: number): Promise<DeadLetter | undefined> {
    const { jsm } = await this.link.get(this.timeoutMs);
    try {
      const stored = await jsm.streams.getMessage(this.stream, { seq });
      return {
        id: String(seq),
        ...(JSON.parse(Buffer.from(stored.data).toString()) as Omit<DeadLetter, 'id'>),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async ready(): Promise<JetStream> {
    const handles = await this.link.get(this.timeoutMs);
    this.ensured ??= this.ensure(handles).catch((err: unknown) => {
      this.ensured = undefined;
      throw err;
    });
    await this.ensured;
    return handles;
  }

  private async ensure({ jsm }: JetStream): Promise<void> {
    try {
      await jsm.streams.info(this.stream);
    } catch {
      await jsm.streams.add({
        name: this.stream,
        subjects: [this.subject],
        retention: RetentionPolicy.Limits,
        storage: StorageType.File,
        num_replicas: 1,
      });
    }
  }
}

/** JetStream's "no message found" (10037) and "sequence not found". */
function isNotFound(err: unknown): boolean {
  const e = err as { message?: string; api_error?: { err_code?: number; code?: number } };
  return e.api_error?.code === 404 || /no message found|not found/i.test(e.message ?? '');
}
