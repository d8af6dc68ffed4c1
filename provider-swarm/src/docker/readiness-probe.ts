// The provider's readiness probe: `GET <task address>/_/health` (the watchdog's health endpoint,
// 200 once it accepts requests) with a short timeout. Results are kept per task: a pass for a
// minute (a task that passed stays ready until Docker judges it, and Docker's verdict wins from
// then on), a failure only briefly, so a task is probed at most a few times per poll period however
// many status reads arrive; concurrent reads share one probe.
import { request } from 'node:http';
import type { ProbeResult } from '../mapping/availability.js';

/** Probes a task's watchdog. */
export interface ReadinessProbe {
  /** The probe's result for task `taskId` whose watchdog is at `baseUrl` (`http://ip:8080`). */
  check(taskId: string, baseUrl: string): Promise<ProbeResult>;
}

/** Settings of the HTTP probe. */
export interface HttpProbeOptions {
  /** Give up after this long, ms. */
  timeoutMs: number;
  /** The path probed. Default `/_/health`. */
  path?: string;
  /** How long a pass is remembered, ms. Default 60 000. */
  passMs?: number;
  /** How long a failure is remembered, ms. Default 50. */
  failMs?: number;
  /** The clock; tests pass their own. */
  now?: () => number;
}

interface Entry {
  until: number;
  result: Promise<ProbeResult>;
}

/** Entries beyond which expired ones are swept. */
const SWEEP_ABOVE = 256;

/** The probe over HTTP, cached per task. */
export class HttpReadinessProbe implements ReadinessProbe {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: HttpProbeOptions) {
    this.now = options.now ?? Date.now;
  }

  check(taskId: string, baseUrl: string): Promise<ProbeResult> {
    const key = `${taskId} ${baseUrl}`;
    const hit = this.entries.get(key);
    if (hit && this.now() < hit.until) return hit.result;
    if (this.entries.size > SWEEP_ABOVE) this.sweep();
    const entry: Entry = { until: Number.POSITIVE_INFINITY, result: this.get(baseUrl) };
    this.entries.set(key, entry);
    void entry.result.then((result) => {
      entry.until =
        this.now() + (result === 'ok' ? (this.options.passMs ?? 60_000) : (this.options.failMs ?? 50));
    });
    return entry.result;
  }

  private get(baseUrl: string): Promise<ProbeResult> {
    return new Promise((resolve) => {
      const req = request(new URL(this.options.path ?? '/_/health', baseUrl), {
        method: 'GET',
        agent: false,
        timeout: this.options.timeoutMs,
      });
      req.once('response', (res) => {
        res.resume();
        resolve(
          res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300 ? 'ok' : 'fail',
        );
      });
      req.once('timeout', () => {
        resolve('timeout');
        req.destroy();
      });
      req.once('error', () => resolve('fail'));
      req.end();
    });
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now >= entry.until) this.entries.delete(key);
  }
}
