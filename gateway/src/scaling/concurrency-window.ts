// A function's observed concurrency over time, as Knative keeps it: one sample per tick, averages
// over a stable and a panic window. History starts with the first load and is dropped once a whole
// stable window passed without any, so a burst after a quiet spell is seen at its full height.

interface Sample {
  /** End of the sampled period. */
  at: number;
  /** Milliseconds the sample covers. */
  span: number;
  /** Average in-flight requests during the period. */
  value: number;
}

/** Concurrency samples of one function. */
export class ConcurrencyWindow {
  private samples: Sample[] = [];

  constructor(private readonly keepMs: number) {}

  /** Records the average concurrency of the period `(at - span, at]`. */
  record(at: number, span: number, value: number): void {
    if (this.samples.length === 0 && value <= 0) return;
    this.samples.push({ at, span: Math.max(1, span), value });
    const oldest = at - this.keepMs;
    while (this.samples.length > 0 && (this.samples[0] as Sample).at <= oldest) this.samples.shift();
    if (this.samples.every((s) => s.value <= 0)) this.samples = [];
  }

  /** Time-weighted average over the last `windowMs` of history (0 without history). */
  average(now: number, windowMs: number): number {
    let weighted = 0;
    let covered = 0;
    for (const s of this.samples) {
      if (s.at <= now - windowMs) continue;
      weighted += s.value * s.span;
      covered += s.span;
    }
    return covered > 0 ? weighted / covered : 0;
  }

  /** Whether any load is remembered. */
  get empty(): boolean {
    return this.samples.length === 0;
  }
}
