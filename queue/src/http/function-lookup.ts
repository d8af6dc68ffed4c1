import type { Annotations } from '../annotations.js';

/** What the gateway knows of a function: enough to refuse unknown ones and pick the queue. */
export interface FunctionFacts {
  /** Its annotations (`com.openfaas.queue`, `com.openfaas.retry.*`). */
  annotations?: Annotations;
}


/** Looks a function up; undefined when it does not exist. */
export type FindFunction = (name: string, namespace: string) => Promise<FunctionFacts | undefined>;

const MAX_ENTRIES = 10_000;

/**
 * Remembers functions that exist for `ttlMs` and shares one lookup among concurrent requests for
 * the same function, so a burst of async calls costs one provider call, not one each. Misses are
 * not remembered: a function deployed a moment ago is found at once. `ttlMs` 0 turns caching off.
 */
export function cachedLookup(find: FindFunction, ttlMs: number, now: () => number = Date.now): FindFunction {
  if (ttlMs <= 0) return find;
  const known = new Map<string, { facts: FunctionFacts; until: number }>();
  const pending = new Map<string, Promise<FunctionFacts | undefined>>();
  return async (name, namespace) => {
    const key = `${name}.${namespace}`;
    const hit = known.get(key);
    if (hit && hit.until > now()) return hit.facts;
    let lookup = pending.get(key);
    if (!lookup) {
      lookup = find(name, namespace).finally(() => pending.delete(key));
      pending.set(key, lookup);
    }
    const facts = await lookup;
    if (facts) {
      if (known.size >= MAX_ENTRIES) known.clear();
      known.set(key, { facts, until: now() + ttlMs });
    } else known.delete(key);
    return facts;
  };
}
