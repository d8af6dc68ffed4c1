/** How often calls in flight are looked at; a call is watched once it has lived through one tick. */
const TICK_MS = 50;

interface Watched {
  readonly req: Request;
  readonly abort: AbortController;
}

/**
 * Stops calls whose client has gone away. Reading `req.signal` makes Bun set up abort tracking
 * for that request, which measured as the largest single cost of a short proxied call (see
 * watchdog/README.md, "Runtimes"); so a call is watched only once it has outlived one tick
 * (50–100 ms), when Bun still reports a client that left earlier. Short calls never pay for it.
 */
export class ClientWatch {
  private young = new Set<Watched>();
  private old = new Set<Watched>();
  private timer: ReturnType<typeof setInterval> | undefined;

  /** Starts watching `req` for `abort`; call the returned function when the call has ended. */
  add(req: Request, abort: AbortController): () => void {
    const entry: Watched = { req, abort };
    this.young.add(entry);
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    return () => {
      if (!this.young.delete(entry)) this.old.delete(entry);
    };
  }

  /** Stops the ticking (the watchdog is shutting down). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    for (const { req, abort } of this.old) {
      if (req.signal.aborted) abort.abort();
      else req.signal.addEventListener('abort', () => abort.abort(), { once: true });
    }
    this.old = this.young;
    this.young = new Set();
    if (this.old.size === 0) this.stop();
  }
}
