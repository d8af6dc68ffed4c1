/** The histogram buckets prom-client and Go's promhttp use by default, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  code: string;
  method: string;
  count: number;
  sum: number;
  /** Non-cumulative per-bucket counts; the last slot is +Inf. */
  buckets: number[];
}

/**
 * The watchdog's three Prometheus metrics, named as of-watchdog names them. Written by hand rather
 * than with prom-client, which costs about 9 MB of resident memory per process (measured, see
 * watchdog/README.md); one instance per watchdog, so two watchdogs in one process never collide.
 */
export class WatchdogMetrics {
  private readonly series = new Map<string, Series>();
  private inflight = 0;

  /** A function call (or an upgraded connection) started; pair with {@link finished} (or {@link ended}). */
  started(): void {
    this.inflight++;
  }

  /** A function call finished with `code` after `seconds`. */
  finished(method: string, code: number, seconds: number): void {
    this.ended();
    this.observe(method, code, seconds);
  }

  /** An upgraded connection closed (or its handshake failed): no longer in flight, not a request served. */
  ended(): void {
    this.inflight--;
  }

  /** Counts a request that never became a function call (429, 405). */
  observe(method: string, code: number, seconds: number): void {
    const m = method.toLowerCase();
    const key = `${code} ${m}`;
    let s = this.series.get(key);
    if (s === undefined) {
      s = {
        code: String(code),
        method: m,
        count: 0,
        sum: 0,
        buckets: new Array<number>(BUCKETS.length + 1).fill(0),
      };
      this.series.set(key, s);
    }
    s.count++;
    s.sum += seconds;
    let i = 0;
    while (i < BUCKETS.length && seconds > (BUCKETS[i] as number)) i++;
    s.buckets[i] = (s.buckets[i] as number) + 1;
  }

  /** Calls in flight right now. */
  inFlight(): number {
    return this.inflight;
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  render(): string {
    const out: string[] = [
      '# HELP http_requests_total Total HTTP requests processed by the watchdog.',
      '# TYPE http_requests_total counter',
    ];
    for (const s of this.series.values())
      out.push(`http_requests_total{code="${s.code}",method="${s.method}"} ${s.count}`);
    out.push(
      '# HELP http_request_duration_seconds Seconds spent serving HTTP requests.',
      '# TYPE http_request_duration_seconds histogram',
    );
    for (const s of this.series.values()) {
      const labels = `code="${s.code}",method="${s.method}"`;
      let cumulative = 0;
      BUCKETS.forEach((le, i) => {
        cumulative += s.buckets[i] as number;
        out.push(`http_request_duration_seconds_bucket{${labels},le="${le}"} ${cumulative}`);
      });
      out.push(`http_request_duration_seconds_bucket{${labels},le="+Inf"} ${s.count}`);
      out.push(`http_request_duration_seconds_sum{${labels}} ${s.sum}`);
      out.push(`http_request_duration_seconds_count{${labels}} ${s.count}`);
    }
    out.push(
      '# HELP http_requests_in_flight Requests being served by the watchdog right now.',
      '# TYPE http_requests_in_flight gauge',
      `http_requests_in_flight ${this.inflight}`,
    );
    return `${out.join('\n')}\n`;
  }
}
