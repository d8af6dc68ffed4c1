/** A failed expectation of a case: the message says what the provider did wrong. */
export class ConformanceFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
  }
}

/** Fails the case with `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new ConformanceFailure(message);
}

/** Fails unless `actual` is one of `expected`. */
export function checkStatus(actual: number, expected: number | number[], what: string, body = ''): void {
  const list = Array.isArray(expected) ? expected : [expected];
  const detail = body ? `: ${body.trim().slice(0, 200)}` : '';
  check(list.includes(actual), `${what}: expected status ${list.join(' or ')}, got ${actual}${detail}`);
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** Fails unless every key of `expected` is in `actual` with the same value. */
export function checkContains(
  actual: Record<string, string> | undefined,
  expected: Record<string, string>,
  what: string,
): void {
  for (const [k, v] of Object.entries(expected)) {
    check(
      actual?.[k] === v,
      `${what}: expected ${k}=${JSON.stringify(v)}, got ${JSON.stringify(actual?.[k])} in ${JSON.stringify(actual)}`,
    );
  }
}
