// A list+watch cache of one kind of object in one namespace, on @kubernetes/client-node's
// ListWatch (the informer): one list, then a watch that resumes from the last resourceVersion
// and relists on 410 Gone. Added here: restart with back-off after errors (ListWatch stops on
// them), a "synced" signal, waiting until a write is visible, and a stop that also aborts
// requests still in flight.
import { ListWatch, Watch } from '@kubernetes/client-node';
import type { KubeConfig, KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@faas/service-kit';

/** How one cache lists and watches. */
export interface InformerSource<T extends KubernetesObject> {
  /** Watch path, e.g. `/apis/apps/v1/namespaces/openfaas-fn/deployments`. */
  path: string;
  /** The list call (the typed client's `listNamespaced…`). */
  list: () => Promise<KubernetesListObject<T>>;
  /** Label selector applied to the watch; the list function must apply the same one. */
  labelSelector?: string;
}

/** Watch that can abort every request it started, including one whose response has not arrived. */
class StoppableWatch extends Watch {
  private readonly controllers = new Set<AbortController>();
  stopped = false;

  override async watch(...args: Parameters<Watch['watch']>): Promise<AbortController> {
    const controller = await super.watch(...args);
    if (this.stopped) controller.abort();
    else this.controllers.add(controller);
    return controller;
  }

  abortAll(): void {
    this.stopped = true;
    for (const c of this.controllers) c.abort();
    this.controllers.clear();
  }
}

/** One watched collection. */
export class InformerCache<T extends KubernetesObject> {
  private readonly watch: StoppableWatch;
  private readonly informer: ListWatch<T>;
  private synced = false;
  private lastError: unknown;
  private readonly waiters = new Set<() => void>();
  private retry?: NodeJS.Timeout;
  private failures = 0;

  constructor(
    kubeConfig: KubeConfig,
    private readonly source: InformerSource<T>,
    private readonly logger: Logger,
    private readonly retryMs = 2000,
  ) {
    this.watch = new StoppableWatch(kubeConfig);
    const list = async () => {
      const result = await source.list();
      if (this.watch.stopped) throw new Error('informer stopped');
      // ListWatch stores the items right after this promise settles; mark synced after that.
      setImmediate(() => {
        this.synced = true;
        this.lastError = undefined;
        this.failures = 0;
        this.notify();
      });
      return result;
    };
    this.informer = new ListWatch<T>(source.path, this.watch, list, false, source.labelSelector);
    this.informer.on('add', () => this.notify());
    this.informer.on('update', () => this.notify());
    this.informer.on('delete', () => this.notify());
    this.informer.on('error', (err: unknown) => this.failed(err));
  }

  /** Starts listing and watching; returns at once (use `ready()` to wait for the first list). */
  start(): this {
    void this.informer.start();
    return this;
  }

  /**
   * Resolves once the first list has been stored. Rejects with the last error while the cache has
   * never synced and its last attempt failed (so requests fail fast while the API server is down or
   * forbids the list), or after `timeoutMs`.
   */
  async ready(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.synced) {
      if (this.lastError !== undefined) throw this.lastError;
      if (Date.now() >= deadline)
        throw new Error(`the watch of ${this.source.path} did not sync in ${timeoutMs} ms`);
      await this.nextChange(deadline - Date.now());
    }
  }

  /** Every cached object. */
  list(): readonly T[] {
    return this.informer.list();
  }

  /** One cached object. */
  get(name: string, namespace?: string): T | undefined {
    return this.informer.get(name, namespace);
  }

  /**
   * Waits until `condition` holds for the cache (a write the provider just made has arrived
   * through the watch), at most `timeoutMs`; returns whether it held. Gives read-your-writes to
   * callers of the cache without a list call.
   */
  async waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() >= deadline) return false;
      await this.nextChange(deadline - Date.now());
    }
    return true;
  }

  /** Stops watching and aborts requests in flight. */
  async stop(): Promise<void> {
    clearTimeout(this.retry);
    this.watch.abortAll();
    await this.informer.stop();
    this.notify();
  }

  private failed(err: unknown): void {
    this.lastError = err;
    this.notify();
    if (this.watch.stopped) return;
    // Back off from retryMs up to 30 s while it keeps failing (a namespace the service account may
    // not watch fails for good); a successful list resets it.
    const delay = Math.min(this.retryMs * 2 ** this.failures, 30_000);
    this.failures++;
    this.logger.warn('watch failed, retrying', {
      path: this.source.path,
      error: String(err),
      retryMs: delay,
    });
    this.retry = setTimeout(() => void this.informer.start(), delay);
  }

  private notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  /** Resolves on the next change or failure, or after `ms`. */
  private nextChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(ms, 0));
      this.waiters.add(done);
    });
  }
}

/** Compares resourceVersions: numerically when both are numbers (etcd revisions), else equality. */
export function atLeastVersion(actual: string | undefined, expected: string | undefined): boolean {
  if (actual === undefined || expected === undefined) return false;
  if (/^\d+$/.test(actual) && /^\d+$/.test(expected)) return BigInt(actual) >= BigInt(expected);
  return actual === expected;
}
