import { FaasError } from '@faas/contracts';
import type { LogMessage, LogQuery } from '@faas/contracts';
import type { LogReader } from '@faas/provider-http';
import type { LogFiles } from './log-files.js';

type Listener = (message: LogMessage | undefined) => void;

interface FunctionLog {
  lines: LogMessage[];
  listeners: Set<Listener>;
}

/**
 * Each function's recent log lines in memory (a bounded ring: the oldest go first), with
 * followers notified per line. Replicas' stdout/stderr and the provider's own notes about a
 * replica (exits, restarts) are appended here. With `files`, every line is also written to disk
 * and a function's log starts from what is there, so it survives a provider restart.
 */
export class LogBuffer implements LogReader {
  private readonly logs = new Map<string, FunctionLog>();

  constructor(
    private readonly capacity: number,
    private readonly files?: LogFiles,
  ) {}

  /** Starts (or keeps) a function's log, with the lines stored on disk. */
  open(name: string, namespace: string): void {
    const key = `${namespace}/${name}`;
    if (this.logs.has(key)) return;
    const stored = this.files?.load(name, namespace).slice(-this.capacity) ?? [];
    this.logs.set(key, { lines: stored, listeners: new Set() });
  }

  /** Appends one line; does nothing for a function whose log was dropped. */
  append(name: string, namespace: string, instance: string, text: string): void {
    const log = this.logs.get(`${namespace}/${name}`);
    if (!log) return;
    const message: LogMessage = { name, namespace, instance, timestamp: new Date().toISOString(), text };
    log.lines.push(message);
    this.files?.append(name, namespace, message);
    // Trim in batches so appending stays O(1) amortised.
    if (log.lines.length > this.capacity * 1.25) log.lines.splice(0, log.lines.length - this.capacity);
    for (const listener of log.listeners) listener(message);
  }

  /** Forgets a deleted function's log; its followers' streams end. */
  drop(name: string, namespace: string): void {
    const key = `${namespace}/${name}`;
    const log = this.logs.get(key);
    this.logs.delete(key);
    this.files?.remove(name, namespace);
    for (const listener of log?.listeners ?? []) listener(undefined);
  }

  /** Flushes the files. */
  async close(): Promise<void> {
    await this.files?.close();
  }

  async *read(query: LogQuery & { namespace: string }, signal: AbortSignal): AsyncIterable<LogMessage> {
    const log = this.logs.get(`${query.namespace}/${query.name}`);
    if (!log) throw new FaasError('FUNCTION_NOT_FOUND', `No such function: ${query.name}.`);
    const matches = (m: LogMessage): boolean => !query.instance || m.instance === query.instance;
    const sinceMs = query.since ? Date.parse(query.since) : undefined;
    const queue: (LogMessage | undefined)[] = [];
    let wake: (() => void) | undefined;
    const listener: Listener = (m) => {
      if (m === undefined || matches(m)) queue.push(m);
      wake?.();
    };
    if (query.follow) log.listeners.add(listener);
    const onAbort = (): void => wake?.();
    signal.addEventListener('abort', onAbort);
    try {
      let history = log.lines
        .slice(-this.capacity)
        .filter((m) => matches(m) && (sinceMs === undefined || Date.parse(m.timestamp) >= sinceMs));
      if (query.tail !== undefined) history = query.tail === 0 ? [] : history.slice(-query.tail);
      yield* history;
      while (query.follow && !signal.aborted) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        while (queue.length > 0 && !signal.aborted) {
          const next = queue.shift();
          if (next === undefined) return;
          yield next;
        }
      }
    } finally {
      log.listeners.delete(listener);
      signal.removeEventListener('abort', onAbort);
    }
  }
}
