// Polls something the page shows as live, and says when what is shown stopped being current: on a
// failed read, or as soon as any call finds the gateway gone (a hung gateway included, through the
// calls' timeouts). When the gateway answers again, it reads at once instead of waiting a period.
import type { Connection } from './connection.js';

/** What is shown was last read at `since` (ms; undefined: never); `reason` says why it is not current. */
export interface Staleness {
  since: number | undefined;
  reason: string;
}

/** What `livePoll` takes. */
export interface LivePollOptions {
  /** Milliseconds between reads. */
  every: number;
  /** Reads and shows fresh data; throws when it could not. Resolving `'stop'` ends the polling. */
  load(): Promise<void | 'stop'>;
  /** Marks what is shown as not current (a Staleness), or as current again (undefined). */
  stale(staleness: Staleness | undefined): void;
  /** The connection to watch; the page's own by default. */
  connection: Connection;
  /** Time source (tests). */
  now?: () => number;
}

/** A running poll. */
export interface LivePoll {
  /** Reads now (e.g. after the user changed something), then every period again. */
  refresh(): void;
  /** Stops reading and watching. */
  stop(): void;
}

/** Starts polling at once. */
export function livePoll(options: LivePollOptions): LivePoll {
  const now = options.now ?? Date.now;
  let lastRead: number | undefined;
  let isStale = false;
  let stopped = false;
  let running = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const markStale = (reason: string) => {
    isStale = true;
    options.stale({ since: lastRead, reason });
  };
  const run = async (): Promise<void> => {
    clearTimeout(timer);
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const outcome = await options.load();
      if (stopped) return;
      lastRead = now();
      if (isStale) {
        isStale = false;
        options.stale(undefined);
      }
      if (outcome === 'stop') return stop();
    } catch (err) {
      if (stopped) return;
      markStale((err as Error).message);
    } finally {
      running = false;
    }
    if (stopped) return;
    if (again) {
      again = false;
      return run();
    }
    timer = setTimeout(() => void run(), options.every);
  };
  const unsubscribe = options.connection.subscribe((liveness) => {
    if (stopped) return;
    if (liveness.state === 'down') markStale(liveness.reason);
    else void run();
  });
  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    unsubscribe();
  }
  void run();
  return { refresh: () => void run(), stop };
}
