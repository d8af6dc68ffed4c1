// What the gateway sees of each function's traffic: requests in flight, when it was last used, and
// the time-weighted average concurrency between two looks. Fed by the invocation path's observer.
import { inject, injectable } from 'inversify';
import type { FunctionRef, InvocationObserver } from '../invoke/hooks.js';
import { Clock } from './clock.js';
import type { ActivityMarker } from './scale-from-zero.js';

interface Entry {
  inflight: number;
  lastUsed: number;
  /** Sum of in-flight × milliseconds since `takenAt`. */
  area: number;
  /** When `area` was last brought up to date. */
  settledAt: number;
  /** When the average was last taken. */
  takenAt: number;
  /** When the current period first had a request in flight; undefined while it had none. */
  busySince: number | undefined;
}

/** Concurrency of one function between two looks. */
export interface ConcurrencyPeriod {
  /** Time-weighted average in-flight requests over the whole period. */
  average: number;
  /** The same over the part of the period since its first request (0 ms when it had none). */
  busyAverage: number;
  /** Length of that part. */
  busyMs: number;
}

/** In-flight and idle tracking per function (`name.namespace`). */
@injectable()
export class InvocationActivity implements InvocationObserver, ActivityMarker {
  private readonly entries = new Map<string, Entry>();
  /**
   * A function nobody used since this gateway started counts as used at the start: after a
   * restart the gateway knows nothing of the traffic before, so it waits a full idle duration
   * before scaling anything to zero.
   */
  readonly startedAt: number;

  constructor(@inject(Clock) private readonly clock: Clock) {
    this.startedAt = clock.now();
  }

  started(fn: FunctionRef): void {
    const entry = this.settle(fn.qualified);
    entry.busySince ??= entry.settledAt;
    entry.inflight += 1;
    entry.lastUsed = entry.settledAt;
  }

  finished(fn: FunctionRef): void {
    const entry = this.settle(fn.qualified);
    entry.inflight = Math.max(0, entry.inflight - 1);
    entry.lastUsed = entry.settledAt;
  }

  touch(fn: FunctionRef): void {
    const entry = this.settle(fn.qualified);
    entry.lastUsed = entry.settledAt;
  }

  /** Requests of the function in flight now. */
  inflight(functionName: string): number {
    return this.entries.get(functionName)?.inflight ?? 0;
  }

  /** Milliseconds the function has been idle: 0 while a request is in flight. */
  idleMs(functionName: string): number {
    const entry = this.entries.get(functionName);
    if (entry && entry.inflight > 0) return 0;
    return this.clock.now() - Math.max(entry?.lastUsed ?? 0, this.startedAt);
  }

  /**
   * Concurrency since the previous call for this function (or since its first request), weighted
   * by time; then starts a new period. A load step that began mid-period shows at its full height
   * in `busyAverage`, which is what a first sample after a quiet spell should use.
   */
  takePeriod(functionName: string): ConcurrencyPeriod {
    const entry = this.entries.get(functionName);
    if (!entry) return { average: 0, busyAverage: 0, busyMs: 0 };
    this.settleEntry(entry);
    const span = entry.settledAt - entry.takenAt;
    const average = span > 0 ? entry.area / span : entry.inflight;
    const busyMs = entry.busySince === undefined || entry.area === 0 ? 0 : entry.settledAt - entry.busySince;
    const busyAverage = busyMs > 0 ? entry.area / busyMs : entry.inflight;
    entry.area = 0;
    entry.takenAt = entry.settledAt;
    entry.busySince = entry.inflight > 0 ? entry.settledAt : undefined;
    return { average, busyAverage, busyMs };
  }

  /**
   * Drops functions missing from a listing asked for at `listedAt`, unless a request of theirs is in
   * flight or came after (a function deployed and invoked while the listing was under way).
   */
  retain(known: ReadonlySet<string>, listedAt: number): void {
    for (const [name, entry] of this.entries) {
      if (!known.has(name) && entry.inflight === 0 && entry.lastUsed < listedAt) this.entries.delete(name);
    }
  }

  private settle(functionName: string): Entry {
    let entry = this.entries.get(functionName);
    if (!entry) {
      const now = this.clock.now();
      entry = { inflight: 0, lastUsed: now, area: 0, settledAt: now, takenAt: now, busySince: undefined };
      this.entries.set(functionName, entry);
    }
    this.settleEntry(entry);
    return entry;
  }

  private settleEntry(entry: Entry): void {
    const now = this.clock.now();
    entry.area += entry.inflight * Math.max(0, now - entry.settledAt);
    entry.settledAt = Math.max(now, entry.settledAt);
  }
}
