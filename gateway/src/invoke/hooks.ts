// Seams of the invocation path. Other features plug in here: scale-from-zero is a
// FunctionAvailability, autoscaling and idle tracking are InvocationObservers.

/** A function as the invocation path names it. */
export interface FunctionRef {
  /** The function's name. */
  name: string;
  /** Its namespace (the gateway's `function_namespace` when the caller named none). */
  namespace: string;
  /** `name.namespace`, the `function_name` label of metrics. */
  qualified: string;
}

/** Asked when a function has no ready replica, before the request is forwarded anyway. */
export interface FunctionAvailability {
  /**
   * Resolves once the function may have a ready replica (e.g. after scaling it from zero), or
   * throws a FaasError (NO_REPLICAS) to answer the caller with it.
   */
  awaitReady(fn: FunctionRef, signal: AbortSignal): Promise<void>;
}

/** Does not wait: the provider's proxy decides (503 `No endpoints available`). */
export const noWaiting: FunctionAvailability = { awaitReady: async () => {} };

/** Told about every invocation of a known function. */
export interface InvocationObserver {
  /** The request is about to be forwarded. */
  started(fn: FunctionRef): void;
  /** The response ended (or failed) with `status` after `seconds`. */
  finished(fn: FunctionRef, status: number, seconds: number): void;
}

/** Several observers as one. */
export function observeAll(observers: readonly InvocationObserver[]): InvocationObserver {
  if (observers.length === 1) return observers[0] as InvocationObserver;
  return {
    started: (fn) => observers.forEach((o) => o.started(fn)),
    finished: (fn, status, seconds) => observers.forEach((o) => o.finished(fn, status, seconds)),
  };
}
