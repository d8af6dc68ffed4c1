// Scrapes the gateway's /metrics every few seconds while some chart listens, and keeps the history
// for the whole visit, so coming back to a function page shows the minutes already seen; with a
// store (the browser's localStorage), for the next visits too, up to the history's window.
import { readMetrics } from './gateway-api.js';
import { MetricsHistory } from './metrics-history.js';
import type { KeyValueStore } from './key-value-store.js';
import { parseGatewayMetrics } from './prometheus-text.js';

/** Called after each scrape; `error` is set when the scrape failed. */
export type MetricsListener = (history: MetricsHistory, error?: Error) => void;

/** Where the history is kept between visits. */
const HISTORY_KEY = 'faas.ui.metrics-history';

/** Polls `/metrics` while it has listeners. */
export class MetricsPoller {
  readonly history = new MetricsHistory();
  private readonly listeners = new Set<MetricsListener>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Milliseconds between scrapes. */
    readonly intervalMs = 5000,
    /** Keeps the history across visits; none: for this visit only. */
    private readonly store?: KeyValueStore,
  ) {
    try {
      this.history.restore(JSON.parse(store?.getItem(HISTORY_KEY) ?? 'null'), Date.now());
    } catch {
      // Damaged or foreign: start empty.
    }
  }

  /** Starts listening (and scraping, if this is the first listener); returns the way to stop. */
  listen(listener: MetricsListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) void this.scrape();
    else listener(this.history);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) clearTimeout(this.timer);
    };
  }

  private async scrape(): Promise<void> {
    let error: Error | undefined;
    try {
      this.history.add(Date.now(), parseGatewayMetrics(await readMetrics({ timeoutMs: 10_000 })));
      this.save();
    } catch (err) {
      error = err as Error;
    }
    for (const listener of this.listeners) listener(this.history, error);
    if (this.listeners.size > 0) this.timer = setTimeout(() => void this.scrape(), this.intervalMs);
  }

  private save(): void {
    try {
      this.store?.setItem(HISTORY_KEY, JSON.stringify(this.history.snapshot()));
    } catch {
      // Storage full or disabled: the charts still work for this visit.
    }
  }
}
