import type { FunctionSpec } from './types.js';

/** Replaces `{{key}}` in every string of a spec. */
export function fillSpec(spec: FunctionSpec, values: Record<string, string>): FunctionSpec {
  const fill = (text: string): string =>
    text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
  return {
    image: fill(spec.image),
    envProcess: fill(spec.envProcess),
    ...(spec.envVars
      ? { envVars: Object.fromEntries(Object.entries(spec.envVars).map(([k, v]) => [k, fill(v)])) }
      : {}),
  };
}

/**
 * A random port for `{{port}}`: 20000–32767, below Linux's ephemeral range (32768–60999), so it
 * does not collide with the kernel's picks for client sockets and other replicas.
 */
export function randomPort(): string {
  return String(20000 + Math.floor(Math.random() * 12768));
}
