// The charts' history from the gateway's Prometheus, through the UI module's /ui/api/metrics.
import { callJson } from './http.js';
import type { MetricPoint } from './metrics-history.js';

/** What /ui/api/metrics answers: the history, or "none" when no Prometheus is configured. */
type HistoryAnswer =
  | { source: 'none' }
  | {
      source: 'prometheus';
      minutes: number;
      points: { t: number; rate: number; failureRate: number; mean: number | null; p95: number | null }[];
    };

/** The last `minutes` of `functionName` (`name.namespace`), or 'none' when no Prometheus is configured. */
export async function prometheusHistory(
  functionName: string,
  minutes: number,
): Promise<MetricPoint[] | 'none'> {
  const answer = await callJson<HistoryAnswer>('read the history from Prometheus', 'GET', '/ui/api/metrics', {
    query: { function: functionName, minutes: String(minutes) },
  });
  if (answer.source !== 'prometheus') return 'none';
  return answer.points.map((p) => ({ ...p, mean: p.mean ?? undefined, p95: p.p95 ?? undefined }));
}
