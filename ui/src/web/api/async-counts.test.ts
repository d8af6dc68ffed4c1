import { parseAsyncCounts } from './async-counts.js';

describe('async counts from /metrics', () => {
  it('reads what the gateway accepted and what the worker did, per function and queue', () => {
    const counts = parseAsyncCounts(
      [
        '# HELP gateway_async_requests_total Asynchronous requests.',
        'gateway_async_requests_total{function_name="echo.openfaas-fn",code="202"} 5',
        'gateway_async_requests_total{function_name="echo.openfaas-fn",code="404"} 1',
        'queue_worker_invocations_total{function_name="echo.openfaas-fn",code="200"} 3',
        'queue_worker_invocations_total{function_name="echo.openfaas-fn",code="500"} 2',
        'queue_worker_invocations_total{function_name="echo.openfaas-fn",code="error"} 1',
        'queue_worker_retries_total{function_name="echo.openfaas-fn"} 2',
        'queue_worker_dead_letters_total{function_name="echo.openfaas-fn"} 1',
        'queue_worker_queue_depth{queue="faas-request"} 4',
        'queue_worker_inflight{queue="faas-request"} 1',
        'gateway_function_invocation_total{function_name="echo.openfaas-fn",code="200"} 9',
      ].join('\n'),
    );
    expect(counts.worker).toBe(true);
    expect(counts.functions.get('echo.openfaas-fn')).toEqual({
      accepted: 5,
      refused: 1,
      succeeded: 3,
      failed: 3,
      retried: 2,
      deadLettered: 1,
    });
    expect(counts.queues.get('faas-request')).toEqual({ waiting: 4, inFlight: 1 });
  });

  it('says when the worker’s numbers are elsewhere (a worker of its own)', () => {
    const counts = parseAsyncCounts('gateway_async_requests_total{function_name="a.b",code="202"} 1\n');
    expect(counts.worker).toBe(false);
    expect(counts.functions.get('a.b')?.accepted).toBe(1);
    expect(counts.queues.size).toBe(0);
  });
});
