// The one place that says whether a function is ready, in words and a badge.
import type { FunctionStatus } from '@faas/contracts';
import { h } from '../lib/dom.js';

/** Ready, partly ready (some replicas serve), not ready (none does), or scaled to zero. */
export type Readiness = 'ready' | 'partly-ready' | 'not-ready' | 'scaled-to-zero';

/** How ready a function is. */
export function readinessOf(fn: Pick<FunctionStatus, 'replicas' | 'availableReplicas'>): Readiness {
  if (fn.replicas === 0 && fn.availableReplicas === 0) return 'scaled-to-zero';
  if (fn.availableReplicas === 0) return 'not-ready';
  return fn.availableReplicas >= fn.replicas ? 'ready' : 'partly-ready';
}

const WORDS: Record<Readiness, string> = {
  ready: 'Ready',
  'partly-ready': 'Partly ready',
  'not-ready': 'Not ready',
  'scaled-to-zero': 'Scaled to zero',
};

/** "2/2 · Ready" as a coloured badge whose words carry the meaning (not only the colour). */
export function replicaBadge(fn: Pick<FunctionStatus, 'replicas' | 'availableReplicas'>): HTMLElement {
  const state = readinessOf(fn);
  return h(
    'span',
    { class: `badge badge-${state}`, title: `${fn.availableReplicas} available of ${fn.replicas} desired` },
    `${fn.availableReplicas}/${fn.replicas} · ${WORDS[state]}`,
  );
}
