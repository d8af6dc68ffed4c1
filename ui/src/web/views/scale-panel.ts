// Desired and available replicas, with buttons to scale (including to 0).
import type { FunctionStatus } from '@faas/contracts';
import { MAX_REPLICAS } from '@faas/contracts';
import { scaleFunction } from '../api/gateway-api.js';
import { h } from '../lib/dom.js';
import { clock } from '../lib/format.js';
import type { FunctionRef } from '../lib/routes.js';
import { readinessOf, replicaBadge, startTimes } from './replica-state.js';
import type { BadgeOptions } from './replica-state.js';
import type { Context } from './view.js';

/** The scale panel of a function page. */
export interface ScalePanel {
  /** The panel. */
  element: HTMLElement;
  /** Shows the latest status, with what its badge also says (last known, when it started). */
  update(status: FunctionStatus, badge: BadgeOptions): void;
}

/** Builds the panel; `changed` asks the page to refresh the status now. */
export function scalePanel(ctx: Context, fn: FunctionRef, changed: () => void): ScalePanel {
  let desired = 0;
  let shown = '';
  const summary = h('p', { class: 'replica-summary', role: 'status', 'aria-live': 'polite' });
  const input = h('input', {
    type: 'number',
    id: 'replicas',
    min: 0,
    max: MAX_REPLICAS,
    step: 1,
    inputmode: 'numeric',
  });
  const buttons: HTMLButtonElement[] = [];
  const scaleTo = async (replicas: number) => {
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) {
      ctx.notices.error(new Error(`Replicas must be a whole number from 0 to ${MAX_REPLICAS}.`));
      return;
    }
    for (const b of buttons) b.disabled = true;
    try {
      await scaleFunction(fn, replicas);
      startTimes.changed(fn);
      ctx.notices.success(`Scaling ${fn.name} to ${replicas} replica${replicas === 1 ? '' : 's'}.`);
      changed();
    } catch (err) {
      ctx.notices.error(err);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };
  const button = (label: string, onclick: () => void, attrs: Record<string, string> = {}) => {
    const b = h('button', { type: 'button', class: 'button', onclick, ...attrs }, label);
    buttons.push(b);
    return b;
  };
  const form = h(
    'form',
    {
      class: 'scale-form',
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void scaleTo(Number(input.value));
      },
    },
    h('label', { for: 'replicas' }, 'Desired replicas'),
    input,
    (() => {
      const b = h('button', { type: 'submit', class: 'button primary' }, 'Scale');
      buttons.push(b);
      return b;
    })(),
  );
  const element = h(
    'section',
    { class: 'panel scale-panel', 'aria-labelledby': 'scale-title' },
    h('h2', { id: 'scale-title' }, 'Replicas'),
    summary,
    h(
      'div',
      { class: 'scale-buttons' },
      button('− 1', () => void scaleTo(Math.max(0, desired - 1)), { 'aria-label': 'Remove one replica' }),
      button('+ 1', () => void scaleTo(desired + 1), { 'aria-label': 'Add one replica' }),
      button('Scale to 0', () => void scaleTo(0)),
    ),
    form,
  );
  return {
    element,
    update(status, badge) {
      const stale = badge.stale;
      const first = desired === 0 && input.value === '';
      desired = status.replicas;
      // Rewrite the live region only when it changes, so screen readers hear changes, not polls.
      const key = `${status.replicas}/${status.availableReplicas}/${stale ? 'stale' : readinessOf(status, badge.startedAt)}`;
      if (key !== shown)
        summary.replaceChildren(
          stale ? `Last known${stale.since ? ` at ${clock(stale.since)}` : ''}: ` : '',
          `${status.replicas} desired, ${status.availableReplicas} available `,
          replicaBadge(status, badge),
        );
      shown = key;
      if (first || document.activeElement !== input) input.value = String(status.replicas);
    },
  };
}
