// The one place that says whether a function is ready, in words and a badge.
import type { FunctionStatus } from '@faas/contracts';
import { h } from '../lib/dom.js';
import { clock } from '../lib/format.js';

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

/** What a badge also says: that what it shows is what was last known, not the present. */
export interface BadgeOptions {
  /** The status is not current: it was last read at this time (ms), or never confirmed (undefined). */
  stale?: { since: number | undefined };
}

/**
 * "2/2 · Ready" as a coloured badge whose words carry the meaning (not only the colour). A stale
 * one is grey and says "last known", so nothing out of date looks live.
 */
export function replicaBadge(
  fn: Pick<FunctionStatus, 'replicas' | 'availableReplicas'>,
  options: BadgeOptions = {},
): HTMLElement {
  const state = readinessOf(fn);
  const counts = `${fn.availableReplicas} available of ${fn.replicas} desired`;
  const stale = options.stale;
  return h(
    'span',
    {
      class: `badge badge-${stale ? 'stale' : state}`,
      'data-state': state,
      title: stale ? `${counts}, last known${stale.since ? ` at ${clock(stale.since)}` : ''}` : counts,
    },
    `${fn.availableReplicas}/${fn.replicas} · ${WORDS[state]}`,
    stale ? h('span', { class: 'stale-tag' }, ' · last known') : null,
  );
}
