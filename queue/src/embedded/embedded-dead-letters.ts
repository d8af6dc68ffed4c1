import { randomUUID } from 'node:crypto';
import type { DeadLetter, DeadLetterStore } from '../types.js';
import { AppendLog } from './append-log.js';

type DeadLetterRecord = { t: 'add'; l: DeadLetter } | { t: 'del'; id: string };

/** Dead letters in an append-only file: every add and removal is fsynced before it resolves. */
export class EmbeddedDeadLetters implements DeadLetterStore {
  private constructor(
    private readonly log: AppendLog<DeadLetterRecord>,
    private readonly letters: Map<string, DeadLetter>,
  ) {}

  /** Opens the file, replays it and compacts it when removals left garbage behind. */
  static async open(path: string): Promise<EmbeddedDeadLetters> {
    const { log, replay } = await AppendLog.open<DeadLetterRecord>(path);
    const letters = new Map<string, DeadLetter>();
    for (const r of replay.records) {
      if (r.t === 'add') letters.set(r.l.id, r.l);
      else letters.delete(r.id);
    }
    if (replay.records.length > letters.size || replay.skipped > 0) {
      await log.rewrite(() => [...letters.values()].map((l) => ({ t: 'add' as const, l })));
    }
    return new EmbeddedDeadLetters(log, letters);
  }

  async add(letter: Omit<DeadLetter, 'id'>): Promise<string> {
    const stored: DeadLetter = { id: randomUUID(), ...letter };
    await this.log.append({ t: 'add', l: stored }, true);
    this.letters.set(stored.id, stored);
    return stored.id;
  }

  async list(limit = 100): Promise<DeadLetter[]> {
    return [...this.letters.values()].slice(0, limit);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    return this.letters.get(id);
  }

  async remove(id: string): Promise<boolean> {
    if (!this.letters.has(id)) return false;
    await this.log.append({ t: 'del', id }, true);
    return this.letters.delete(id);
  }

  /** Waits for pending writes and closes the file. */
  close(): Promise<void> {
    return this.log.close();
  }
}
