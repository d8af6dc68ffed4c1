// Scale from zero (docs/autoscaling.md): an invocation of a function without a ready replica waits here while
// the function is scaled to max(min, 1) and polled until a replica is ready, within a deadline.
// Concurrent callers of one function share one scale-up; other functions never wait on it.
import { inject, injectable } from 'inversify';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaasError } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { FunctionAvailability, FunctionRef } from '../invoke/hooks.js';
import { FunctionReplicas } from './function-replicas.js';
import { LabelReader } from './label-reader.js';
import { wakeReplicas } from './replica-formula.js';
import { ReplicaSetter } from './replica-setter.js';
import * as tokens from '../tokens.js';

/** Settings of scale from zero. */
export interface ScaleFromZeroOptions {
  /** How long a request may wait for a ready replica before it gets 503. */
  timeoutMs: number;
  /** Status poll period (100 ms). */
  pollMs?: number;
}
/** The injection token of {@link ScaleFromZeroOptions}. */
export const ScaleFromZeroOptions = Symbol('ScaleFromZeroOptions');

/** Something that wants to know a function is about to be used (the idle tracker). */
export interface ActivityMarker {
  /** Marks the function as just used. */
  touch(fn: FunctionRef): void;
}
/** The injection token of the {@link ActivityMarker} (the activity tracker). */
export const ActivityMarker = Symbol('ActivityMarker');

/** The scale-from-zero {@link FunctionAvailability}. */
@injectable()
export class ScaleFromZero implements FunctionAvailability {
  private readonly waking = new Map<string, Promise<void>>();
  private readonly pollMs: number;

  constructor(
    @inject(FunctionReplicas) private readonly replicas: FunctionReplicas,
    @inject(ReplicaSetter) private readonly setter: ReplicaSetter,
    @inject(LabelReader) private readonly labels: LabelReader,
    @inject(ActivityMarker) private readonly activity: ActivityMarker,
    @inject(tokens.Logger) private readonly logger: Logger,
    @inject(ScaleFromZeroOptions) private readonly options: ScaleFromZeroOptions,
  ) {
    this.pollMs = options.pollMs ?? 100;
  }

  async awaitReady(fn: FunctionRef, signal: AbortSignal): Promise<void> {
    this.activity.touch(fn);
    let wake = this.waking.get(fn.qualified);
    if (!wake) {
      wake = this.wake(fn).finally(() => this.waking.delete(fn.qualified));
      this.waking.set(fn.qualified, wake);
    }
    // A caller that goes away stops waiting; the shared scale-up goes on for the others.
    await Promise.race([wake, aborted(signal, fn)]);
  }

  /** Functions being woken right now. */
  get pending(): number {
    return this.waking.size;
  }

  private async wake(fn: FunctionRef): Promise<void> {
    const started = Date.now();
    const deadline = started + this.options.timeoutMs;
    let state = await this.replicas.get(fn);
    if (state.availableReplicas > 0) return;
    if (state.replicas === 0) {
      const to = wakeReplicas(this.labels.read(fn.qualified, state.labels));
      await this.setter.set(fn, 0, to, 'scale-from-zero');
    }
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(this.pollMs, left));
      try {
        state = await this.replicas.get(fn);
      } catch (err) {
        if (err instanceof FaasError && err.code === 'FUNCTION_NOT_FOUND') throw err;
        this.logger.debug('status poll failed while scaling from zero', {
          function: fn.qualified,
          err: String(err),
        });
        continue;
      }
      if (state.availableReplicas > 0) {
        this.logger.info('function ready after scaling from zero', {
          function: fn.qualified,
          ms: Date.now() - started,
        });
        this.activity.touch(fn);
        return;
      }
    }
    const seconds = Math.round(this.options.timeoutMs / 100) / 10;
    throw new FaasError(
      'NO_REPLICAS',
      `No ready replica of ${fn.qualified} within ${seconds}s of scaling it from zero (scale_from_zero_timeout); try again later.`,
    );
  }
}

function aborted(signal: AbortSignal, fn: FunctionRef): Promise<never> {
  const gone = (): FaasError =>
    new FaasError('NO_REPLICAS', `The caller went away while ${fn.qualified} was scaling from zero.`);
  if (signal.aborted) return Promise.reject(gone());
  return new Promise((_resolve, reject) =>
    signal.addEventListener('abort', () => reject(gone()), { once: true }),
  );
}
