// Whether the gateway answers: every API call reports here, so pages stop presenting what they
// last read as live when it does not, and pick up again when it does.

/** The gateway answers, or has not since `since` (ms) for `reason`. */
export type Liveness = { state: 'live' } | { state: 'down'; since: number; reason: string };

/** Called when the liveness changes (not on every call). */
export type LivenessListener = (liveness: Liveness) => void;

/** Tracks the gateway's liveness from the outcome of calls to it. */
export class Connection {
  private liveness: Liveness = { state: 'live' };
  private readonly listeners = new Set<LivenessListener>();

  /** The current liveness. */
  get current(): Liveness {
    return this.liveness;
  }

  /** A call got an HTTP answer (any status: the gateway is there to give it). */
  answered(): void {
    if (this.liveness.state === 'live') return;
    this.set({ state: 'live' });
  }

  /** A call got no answer (refused, reset, or timed out); the first failure dates the outage. */
  unanswered(reason: string, at: number = Date.now()): void {
    if (this.liveness.state === 'down') return;
    this.set({ state: 'down', since: at, reason });
  }

  /** Calls `listener` on every change from now on; returns the way to stop. */
  subscribe(listener: LivenessListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(liveness: Liveness): void {
    this.liveness = liveness;
    for (const listener of [...this.listeners]) listener(liveness);
  }
}

/** The page's one connection to its gateway (every call in http.ts reports to it). */
export const gatewayConnection = new Connection();
