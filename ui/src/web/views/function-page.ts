// One function: readiness, replicas and scaling, charts, every field, logs, and delete.
import type { FunctionStatus } from '@faas/contracts';
import { deleteFunction, getFunction, listFunctions, systemInfo } from '../api/gateway-api.js';
import { ApiError } from '../api/http.js';
import { livePoll } from '../api/live-poll.js';
import { secretsDirOf } from '../api/secret-paths.js';
import type { Staleness } from '../api/live-poll.js';
import { h, replace } from '../lib/dom.js';
import { href } from '../lib/routes.js';
import type { FunctionRef } from '../lib/routes.js';
import { confirmAction } from './confirm-dialog.js';
import { functionCharts } from './function-charts.js';
import { functionDetails } from './function-details.js';
import { logsPanel } from './logs-panel.js';
import { notReadyReason } from './not-ready-reason.js';
import { readinessOf, replicaBadge, startTimes } from './replica-state.js';
import { scalePanel } from './scale-panel.js';
import { staleWords } from './stale-words.js';
import type { Context, View } from './view.js';

/** How often the status refreshes, ms. */
const REFRESH_MS = 2000;
/** A read that takes longer counts as the gateway not answering. */
const READ_TIMEOUT_MS = 10_000;

/** The function page. */
export function functionPageView(ctx: Context, fn: FunctionRef): View {
  const badge = h('span', { class: 'head-badge' });
  const details = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const problem = h('p', { class: 'refresh-status', role: 'status' });
  let last: FunctionStatus | undefined;
  /** Where this function finds its secrets, once the provider has said. */
  let secretsDir: string | undefined;
  void systemInfo().then(
    (info) => {
      secretsDir = secretsDirOf(info.provider, fn);
      if (last) replace(details, functionDetails(last, secretsDir));
    },
    () => undefined,
  );
  let stale: Staleness | undefined;

  const show = () => {
    if (!last) return;
    const startedAt = startTimes.observe(last);
    replace(badge, replicaBadge(last, { startedAt, ...(stale ? { stale } : {}) }));
    scale.update(last, { startedAt, ...(stale ? { stale } : {}) });
    details.classList.toggle('stale', stale !== undefined);
    reason.update(stale ? undefined : readinessOf(last, startedAt), last.notReadyReason);
  };
  const load = async (): Promise<void | 'stop'> => {
    try {
      // Only the list carries invocationCount (contracts/openapi.yaml), so read both, as faas-cli describe does.
      const read = { timeoutMs: READ_TIMEOUT_MS };
      const [status, list] = await Promise.all([
        getFunction(fn, read),
        listFunctions(fn.namespace, read).catch(() => [] as FunctionStatus[]),
      ]);
      const listed = list.find((f) => f.name === fn.name);
      if (listed) status.invocationCount = listed.invocationCount;
      last = status;
      replace(details, functionDetails(status, secretsDir));
      show();
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        gone();
        return 'stop';
      }
      throw err;
    }
  };
  const scale = scalePanel(ctx, fn, () => poll.refresh());
  const reason = notReadyReason(fn);
  const charts = functionCharts(ctx, fn);
  const logs = logsPanel(fn, ctx.connection);
  const poll = livePoll({
    every: REFRESH_MS,
    connection: ctx.connection,
    load,
    stale: (staleness) => {
      stale = staleness;
      problem.textContent = staleness ? staleWords(staleness, REFRESH_MS) : '';
      show();
    },
  });

  const remove = async () => {
    const sure = await confirmAction(
      `Delete ${fn.name}?`,
      `The function ${fn.name} in ${fn.namespace} stops and its replicas go away. Callers of /function/${fn.name} get 404 from now on.`,
      `Delete ${fn.name}`,
    );
    if (!sure) return;
    try {
      await deleteFunction(fn);
      dispose();
      ctx.navigate(href({ page: 'functions' }), `Deleted ${fn.name}.`);
    } catch (err) {
      ctx.notices.error(err);
    }
  };

  const body = h(
    'div',
    { class: 'function-body' },
    reason.element,
    scale.element,
    charts.element,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'details-title' },
      h('h2', { id: 'details-title' }, 'Details'),
      details,
    ),
    logs.element,
  );
  const element = h(
    'section',
    { class: 'page' },
    h(
      'p',
      { class: 'crumbs' },
      h('a', { href: href({ page: 'functions' }) }, 'Functions'),
      ` / ${fn.namespace} /`,
    ),
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, fn.name),
      badge,
      h(
        'div',
        { class: 'actions' },
        h('a', { class: 'button primary', href: href({ page: 'invoke', fn }) }, 'Invoke'),
        h('a', { class: 'button', href: href({ page: 'deploy', edit: fn }) }, 'Edit'),
        h('button', { type: 'button', class: 'button danger', onclick: () => void remove() }, 'Delete'),
      ),
    ),
    problem,
    body,
  );

  function gone(): void {
    dispose();
    replace(
      body,
      h(
        'p',
        { class: 'empty', role: 'status' },
        `There is no function ${fn.name} in ${fn.namespace} (any more). `,
        h('a', { href: href({ page: 'functions' }) }, 'See the functions.'),
      ),
    );
    badge.replaceChildren();
  }
  function dispose(): void {
    poll.stop();
    charts.dispose();
    logs.dispose();
  }
  return { element, title: `${fn.name} · faas`, dispose };
}
