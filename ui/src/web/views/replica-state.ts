// The one place that says whether a function is ready, in words and a badge. A function whose
// replicas are not ready yet is "Starting" for a grace period after it was deployed or scaled up,
// and "Not ready" after that — or at once when the provider says why a replica failed
// (`notReadyReason`; docs/decisions.md).
import type { FunctionStatus } from '@faas/contracts';
import { h } from '../lib/dom.js';
import { clock } from '../lib/format.js';

/** Ready, partly ready (some replicas serve), starting, not ready (none does after the grace), or scaled to zero. */
export type Readiness = 'ready' | 'partly-ready' | 'starting' | 'not-ready' | 'scaled-to-zero';

/** How long a function with no ready replica is "Starting" after it was deployed or scaled up, ms. */
export const START_GRACE_MS = 60_000;

type Replicas = Pick<FunctionStatus, 'replicas' | 'availableReplicas' | 'notReadyReason'>;

/**
 * How ready a function is. `startedAt` (ms) is when it last began coming up; without it, or when
 * the provider says why a replica failed, a function with no ready replica is "not ready".
 */
export function readinessOf(fn: Replicas, startedAt?: number, now: number = Date.now()): Readiness {
  if (fn.replicas === 0 && fn.availableReplicas === 0) return 'scaled-to-zero';
  if (fn.availableReplicas === 0) {
    const inGrace = startedAt !== undefined && now - startedAt < START_GRACE_MS;
    return inGrace && !fn.notReadyReason ? 'starting' : 'not-ready';
  }
  return fn.availableReplicas >= fn.replicas ? 'ready' : 'partly-ready';
}

/**
 * When each function last began coming up, as far as this page can tell: its `createdAt`, a rise
 * in desired replicas seen between two reads (a scale-up, from zero too), or a change this page
 * made itself (an update or a scale). One per page, shared by the list and the function page.
 */
export class StartTimes {
  private readonly seen = new Map<string, { replicas: number; since: number }>();

  /** Notes a status read at `now`; answers when the function last began coming up. */
  observe(fn: FunctionStatus, now: number = Date.now()): number {
    const key = keyOf(fn);
    const created = Date.parse(fn.createdAt);
    // A createdAt ahead of this browser's clock counts as now: the grace is never stretched by skew.
    const base = Number.isNaN(created) ? now : Math.min(created, now);
    const before = this.seen.get(key);
    let since = Math.max(base, before?.since ?? base);
    if (before && fn.replicas > before.replicas) since = now;
    this.seen.set(key, { replicas: fn.replicas, since });
    return since;
  }

  /** Something this page did to the function (update, scale) that starts replicas anew. */
  changed(fn: { name: string; namespace: string }, now: number = Date.now()): void {
    const key = keyOf(fn);
    this.seen.set(key, { replicas: this.seen.get(key)?.replicas ?? 0, since: now });
  }
}

function keyOf(fn: { name: string; namespace: string }): string {
  return `${fn.namespace}/${fn.name}`;
}

/** The page's start times. */
export const startTimes = new StartTimes();

const WORDS: Record<Readiness, string> = {
  ready: 'Ready',
  'partly-ready': 'Partly ready',
  starting: 'Starting',
  'not-ready': 'Not ready',
  'scaled-to-zero': 'Scaled to zero',
};

const EXPLAIN: Partial<Record<Readiness, string>> = {
  starting: `no replica is ready yet; it counts as starting for ${START_GRACE_MS / 1000} s after it was deployed or scaled up`,
  'not-ready': `no replica became ready within ${START_GRACE_MS / 1000} s; its logs may say why`,
};

/** What a badge also says. */
export interface BadgeOptions {
  /** The status is not current: it was last read at this time (ms), or never confirmed (undefined). */
  stale?: { since: number | undefined };
  /** When the function last began coming up (from {@link StartTimes}). */
  startedAt?: number;
  /** Time source (tests). */
  now?: number;
}

/**
 * "2/2 · Ready" as a coloured badge whose words carry the meaning (not only the colour). A stale
 * one is grey and says "last known", so nothing out of date looks live.
 */
export function replicaBadge(fn: Replicas, options: BadgeOptions = {}): HTMLElement {
  const state = readinessOf(fn, options.startedAt, options.now);
  const explain = state === 'not-ready' && fn.notReadyReason ? fn.notReadyReason : EXPLAIN[state];
  const counts = `${fn.availableReplicas} available of ${fn.replicas} desired${explain ? `: ${explain}` : ''}`;
  const stale = options.stale;
  return h(
    'span',
    {
      class: `badge badge-${stale ? 'stale' : state}`,
      'data-state': state,
      title: stale ? `${counts}; last known${stale.since ? ` at ${clock(stale.since)}` : ''}` : counts,
    },
    `${fn.availableReplicas}/${fn.replicas} · ${WORDS[state]}`,
    stale ? h('span', { class: 'stale-tag' }, ' · last known') : null,
  );
}
