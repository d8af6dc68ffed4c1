// A function that crashes or runs out of time is worth a warning in the platform's log, naming it
// and saying why — but a function failing on every call of a busy minute is one warning per
// window, not one per call.
import type { Logger } from '@faas/service-kit';

/** How often one function's failures are logged at most. */
const WINDOW_MS = 10_000;

interface Window {
  loggedAt: number;
  suppressed: number;
}

/** Logs failed invocations as warnings, at most one per function per window. */
export class InvocationFailures {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** One failed invocation of `fn` (`name.namespace`, a function the provider confirmed). */
  report(fn: string, status: number, reason: string, callId: string): void {
    const now = this.now();
    const window = this.windows.get(fn);
    if (window && now - window.loggedAt < this.windowMs) {
      window.suppressed++;
      return;
    }
    const more = window?.suppressed ?? 0;
    this.windows.set(fn, { loggedAt: now, suppressed: 0 });
    this.logger.warn('invocation failed', {
      function: fn,
      status,
      reason,
      callId,
      ...(more > 0 ? { alsoFailedSinceLastWarning: more } : {}),
    });
    if (this.windows.size > 10_000) this.prune(now);
  }

  /** Forgets windows that ended long ago (a gateway that saw many functions come and go). */
  private prune(now: number): void {
    for (const [fn, window] of this.windows) {
      if (now - window.loggedAt >= this.windowMs) this.windows.delete(fn);
    }
  }
}
