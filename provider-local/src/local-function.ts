import type { Replica } from './replica.js';
import type { ReplicaEnvironment } from './replica-env.js';
import type { StoredFunction } from './state-file.js';

/** Makes a started-or-not replica of a function with a given environment. */
export type ReplicaFactory = (stored: StoredFunction, environment: ReplicaEnvironment) => Replica;

/** How long an update waits for the new replicas before retiring the old ones anyway. */
const ROLL_TIMEOUT_MS = 60_000;

/**
 * One deployed function: its spec and its replica processes. An update rolls start-first: the
 * new replicas start, the old ones keep serving until all new ones are ready (or a minute passes).
 */
export class LocalFunction {
  private current: Replica[] = [];
  private retiring: Replica[] = [];
  private rollWatch: NodeJS.Timeout | undefined;
  private readonly stops = new Set<Promise<void>>();

  constructor(
    public stored: StoredFunction,
    private environment: ReplicaEnvironment,
    private readonly newReplica: ReplicaFactory,
  ) {}

  /** Starts or stops replicas until `stored.replicas` run. */
  reconcile(): void {
    while (this.current.length < this.stored.replicas) {
      const replica = this.newReplica(this.stored, this.environment);
      this.current.push(replica);
      replica.start();
    }
    if (this.current.length > this.stored.replicas) {
      // Stop the not-ready ones first, then the newest.
      const order = [...this.current].sort(
        (a, b) => Number(a.url !== undefined) - Number(b.url !== undefined),
      );
      const extra = order.slice(0, this.current.length - this.stored.replicas);
      this.current = this.current.filter((r) => !extra.includes(r));
      extra.forEach((r) => this.track(r.stop()));
    }
  }

  /** Replaces the spec and rolls the replicas (start-first), keeping the replica count. */
  roll(stored: StoredFunction, environment: ReplicaEnvironment): void {
    this.stored = stored;
    this.environment = environment;
    this.retiring.push(...this.current);
    this.current = [];
    this.reconcile();
    clearInterval(this.rollWatch);
    const started = Date.now();
    this.rollWatch = setInterval(() => {
      const allReady = this.current.every((r) => r.url !== undefined);
      if (allReady || Date.now() - started > ROLL_TIMEOUT_MS) this.retireOld();
    }, 100);
  }

  /** Base URLs of ready replicas: the current generation's, or the old one's while none is ready. */
  readyUrls(): string[] {
    const urls = (list: Replica[]): string[] => list.flatMap((r) => (r.url ? [r.url] : []));
    const fresh = urls(this.current);
    return fresh.length > 0 ? fresh : urls(this.retiring);
  }

  /** Ready replicas, counting old ones still serving during a roll, at most the desired count. */
  available(): number {
    const ready = [...this.current, ...this.retiring].filter((r) => r.url !== undefined).length;
    return Math.min(ready, Math.max(this.stored.replicas, this.current.length));
  }

  /** What the status reports of the replicas: how many are ready, and why one is not, when known. */
  live(): { availableReplicas: number; notReadyReason?: string } {
    const failed = this.current.find((r) => r.url === undefined && r.lastFailure);
    return { availableReplicas: this.available(), notReadyReason: failed?.lastFailure };
  }

  /** Pids of running replica processes. */
  pids(): number[] {
    return [...this.current, ...this.retiring].flatMap((r) => (r.pid ? [r.pid] : []));
  }

  /** Stops every replica; resolves once all processes are gone. */
  async stopAll(): Promise<void> {
    clearInterval(this.rollWatch);
    const all = [...this.current, ...this.retiring];
    this.current = [];
    this.retiring = [];
    all.forEach((r) => this.track(r.stop()));
    await Promise.all([...this.stops]);
  }

  private retireOld(): void {
    clearInterval(this.rollWatch);
    this.rollWatch = undefined;
    const old = this.retiring;
    this.retiring = [];
    old.forEach((r) => this.track(r.stop()));
  }

  private track(stop: Promise<void>): void {
    this.stops.add(stop);
    void stop.finally(() => this.stops.delete(stop));
  }
}
