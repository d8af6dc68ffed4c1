import { performance } from 'node:perf_hooks';
import { qualifiedName } from '@faas/contracts';
import type { DeadLetterStore, Delivery } from '@faas/queue';
import type { Logger } from '@faas/service-kit';
import type { CallbackSender, CallResult } from './callback-sender.js';
import type { FunctionInvoker } from './function-invoker.js';
import { TransportError } from './http-client.js';
import { backoffMs, policyFor, retryAfterMs, type RetryPolicy } from './retry-policy.js';
import type { WorkerMetrics } from './worker-metrics.js';

/** What processing one delivery needs. */
export interface JobDeps {
  invoker: FunctionInvoker;
  callbacks: CallbackSender;
  deadLetters: DeadLetterStore;
  /** The worker's retry settings; a message's own overrides win. */
  defaults: RetryPolicy;
  /** The queue the deliveries come from (recorded on dead letters). */
  queueName: string;
  /** `working()` is sent three times per deadline while a job runs. */
  ackDeadlineMs: number;
  metrics: WorkerMetrics;
  logger: Logger;
  /** Jitter source; tests pin it. */
  random?: () => number;
}

/**
 * One delivery, start to end: invoke through the gateway; on a retryable outcome put it back with
 * a back-off (nak) while attempts remain, else dead-letter it; POST the callback; ack last, so a
 * crash anywhere before means another delivery (at-least-once). `shutdown` aborts the call and
 * puts the message straight back.
 */
export async function runJob(delivery: Delivery, deps: JobDeps, shutdown: AbortSignal): Promise<void> {
  const { request } = delivery.message;
  const policy = policyFor(deps.defaults, delivery.message.retry);
  const functionName = qualifiedName(request.function, request.namespace);
  const log = deps.logger.child({
    callId: request.callId,
    function: functionName,
    attempt: delivery.attempt,
  });
  const heartbeat = setInterval(
    () => void delivery.working().catch(() => undefined),
    Math.max(50, Math.floor(deps.ackDeadlineMs / 3)),
  );
  try {
    if (delivery.attempt > policy.attempts) {
      // The delivery that had the last attempt never settled: its worker died mid-call.
      const reason = `attempt ${policy.attempts} of ${policy.attempts} never finished (the worker stopped)`;
      await deadLetter(delivery, deps, functionName, reason, undefined);
      log.warn('dead-lettered', { reason });
      return await delivery.ack();
    }
    const started = performance.now();
    let result: CallResult;
    let failure: string | undefined;
    try {
      const answer = await deps.invoker.invoke(request, shutdown);
      result = { ...answer, seconds: (performance.now() - started) / 1000 };
    } catch (err) {
      if (shutdown.aborted) {
        log.info('interrupted by shutdown, back on the queue');
        return await delivery.nak(0);
      }
      if (!(err instanceof TransportError)) throw err;
      failure = err.message;
      const body = Buffer.from(`Can't reach the function through the gateway: ${err.message}\n`);
      result = {
        status: 502,
        headers: { 'content-type': ['text/plain'] },
        body,
        seconds: (performance.now() - started) / 1000,
      };
    }
    deps.metrics.invocations.inc({
      function_name: functionName,
      code: failure ? 'error' : String(result.status),
    });
    deps.metrics.seconds.observe({ function_name: functionName }, result.seconds);

    const retryable = failure !== undefined || policy.codes.includes(result.status);
    if (retryable && delivery.attempt < policy.attempts) {
      const after = retryAfterMs(result.headers['retry-after']?.[0]);
      const delayMs = backoffMs(policy, delivery.attempt, deps.random, after);
      deps.metrics.retries.inc({ function_name: functionName });
      log.info('retrying', { status: failure ? undefined : result.status, error: failure, delayMs });
      return await delivery.nak(delayMs);
    }
    if (retryable) {
      const reason = failure ?? `function answered ${result.status}`;
      await deadLetter(delivery, deps, functionName, reason, failure ? undefined : result.status);
      log.warn('dead-lettered', { reason });
    }
    if (request.callbackUrl) {
      const outcome = await deps.callbacks.send(request, result, shutdown);
      if (!outcome.delivered && shutdown.aborted) {
        log.info('callback interrupted by shutdown, back on the queue');
        return await delivery.nak(0);
      }
      if (!outcome.delivered) {
        deps.metrics.callbackFailures.inc({ function_name: functionName });
        log.warn('callback failed', {
          url: request.callbackUrl,
          attempts: outcome.attempts,
          error: outcome.error,
        });
        // The caller never learnt the result: keep the call where an operator sees it and can
        // re-drive it (which runs the function again), unless it is dead-lettered already.
        if (!retryable) {
          const reason = `callback to ${request.callbackUrl} failed after ${outcome.attempts} attempt(s): ${outcome.error ?? 'no answer'}`;
          await deadLetter(delivery, deps, functionName, reason, result.status);
        }
      }
    }
    await delivery.ack();
    log.debug('done', { status: result.status, seconds: result.seconds });
    // Last, so nothing this job records brings a deleted function's series back.
    if (!failure && (await deps.metrics.forgetIfGone(functionName, result)))
      log.info('the gateway no longer knows the function: its series are removed');
  } finally {
    clearInterval(heartbeat);
  }
}

async function deadLetter(
  delivery: Delivery,
  deps: JobDeps,
  functionName: string,
  reason: string,
  status: number | undefined,
): Promise<void> {
  await deps.deadLetters.add({
    queue: deps.queueName,
    message: delivery.message,
    attempts: delivery.attempt,
    reason,
    ...(status === undefined ? {} : { status }),
    deadAt: new Date().toISOString(),
  });
  deps.metrics.deadLetters.inc({ function_name: functionName });
}
