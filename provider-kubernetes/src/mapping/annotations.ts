import { INTERNAL_PREFIX, SCRAPE_ANNOTATION, SCRAPE_DEFAULTED_ANNOTATION } from './labels.js';

/**
 * The annotations a function's objects carry: the user's, plus `prometheus.io.scrape: "false"`
 * unless the user set it (cluster-wide Prometheus setups must not scrape every function pod; the
 * gateway reports invocations). A marker records that the provider added it, so reads can drop it.
 */
export function functionAnnotations(user: Record<string, string> | undefined): Record<string, string> {
  const annotations = { ...(user ?? {}) };
  if (annotations[SCRAPE_ANNOTATION] === undefined) {
    annotations[SCRAPE_ANNOTATION] = 'false';
    annotations[SCRAPE_DEFAULTED_ANNOTATION] = 'true';
  }
  return annotations;
}

/** The annotations as the user deployed them: without the provider's own and the defaulted scrape flag. */
export function userAnnotations(stored: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  const defaulted = stored?.[SCRAPE_DEFAULTED_ANNOTATION] === 'true';
  for (const [key, value] of Object.entries(stored ?? {})) {
    if (key.startsWith(INTERNAL_PREFIX)) continue;
    if (key === SCRAPE_ANNOTATION && defaulted) continue;
    result[key] = value;
  }
  return result;
}
