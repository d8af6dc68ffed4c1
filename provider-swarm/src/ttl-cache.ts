// A tiny cache of promises by key for a fixed time; concurrent callers share one load, and a
// failed load is not cached.

/** Caches loads for `ttlMs` milliseconds. */
export class TtlCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value for `key`, or the result of `load()` (cached on success). */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets a key, e.g. after the function changed. */
  delete(key: string): void {
    this.entries.delete(key);
  }
}
