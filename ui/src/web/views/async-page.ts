// Asynchronous calls: the ones queued from this browser, the dead letters (re-drive or discard
// each, or re-drive all), and the counts since the gateway started. From the gateway's public API
// only: /system/async/dead-letters and /metrics (the gateway keeps no list of accepted calls).
import type { DeadLetter } from '@faas/contracts';
import { parseAsyncCounts } from '../api/async-counts.js';
import type { AsyncCounts } from '../api/async-counts.js';
import {
  discardDeadLetter,
  listDeadLetters,
  readMetrics,
  redriveDeadLetter,
  redriveDeadLetters,
} from '../api/gateway-api.js';
import { ApiError } from '../api/http.js';
import { livePoll } from '../api/live-poll.js';
import { RecentCalls } from '../api/recent-calls.js';
import type { RecentCall } from '../api/recent-calls.js';
import { h, replace } from '../lib/dom.js';
import { ago, count } from '../lib/format.js';
import { href } from '../lib/routes.js';
import { confirmAction } from './confirm-dialog.js';
import { deadLetterRequest } from './dead-letter-request.js';
import { KeyedRows } from './keyed-rows.js';
import { staleWords } from './stale-words.js';
import type { Context, View } from './view.js';

/** How often the page reads again, ms. */
const REFRESH_MS = 5000;
/** Most dead letters listed (the API's maximum). */
const MAX_LETTERS = 1000;

function when(iso: string | number): HTMLElement {
  const at = typeof iso === 'number' ? new Date(iso).toISOString() : iso;
  return h('time', { datetime: at, title: at }, ago(at));
}

function functionLink(name: string, namespace: string): HTMLElement {
  return h('a', { href: href({ page: 'function', fn: { name, namespace } }) }, name);
}

function table(className: string, caption: string, columns: string[], body: HTMLTableSectionElement) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: `${className} cards` },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      body,
    ),
  );
}

/** The async calls page. */
export function asyncPageView(ctx: Context): View {
  const recent = new RecentCalls(localStorage);
  const status = h('p', { class: 'refresh-status', role: 'status' });
  let letters: DeadLetter[] = [];

  // Calls queued from this browser: a call that ended in the dead letters says so.
  const recentBody = h('tbody');
  const recentArea = h('div');
  const recentRows = new KeyedRows<RecentCall>(
    recentBody,
    (c) => c.callId,
    (c) => {
      const state = h('td', { 'data-label': 'State' });
      const update = (call: RecentCall) => {
        const dead = letters.find((l) => l.message.request.callId === call.callId);
        replace(
          state,
          dead
            ? h('span', { class: 'badge badge-not-ready' }, `Dead letter: ${dead.reason}`)
            : h('span', { class: 'call-state' }, 'Accepted; not among the dead letters'),
        );
      };
      update(c);
      return {
        element: h(
          'tr',
          { 'data-key': c.callId, 'data-call': c.callId },
          h('td', { 'data-label': 'Queued' }, when(c.at)),
          h('th', { scope: 'row', 'data-label': 'Function' }, functionLink(c.name, c.namespace)),
          h('td', { 'data-label': 'Call id' }, h('code', {}, c.callId)),
          h('td', { 'data-label': 'Callback' }, c.callbackUrl ? h('code', {}, c.callbackUrl) : '—'),
          state,
        ),
        update,
      };
    },
  );
  const recentTable = table(
    'recent-calls',
    'Asynchronous calls queued from this browser, newest first',
    ['Queued', 'Function', 'Call id', 'Callback', 'State'],
    recentBody,
  );
  const showRecent = () => {
    const calls = recent.list();
    recentRows.show(calls);
    if (calls.length > 0) {
      if (!recentArea.contains(recentTable)) replace(recentArea, recentTable, forget);
    } else
      replace(
        recentArea,
        h(
          'p',
          { class: 'empty' },
          'None yet. Queue one from a function’s Invoke page with “Queue it (async)”; it shows here with its call id.',
        ),
      );
  };
  const forget = h(
    'button',
    {
      type: 'button',
      class: 'button',
      onclick: () => {
        recent.clear();
        showRecent();
      },
    },
    'Forget this list',
  );

  // The dead letters, oldest first, each with re-drive and discard.
  const letterBody = h('tbody');
  const letterArea = h('div', {}, h('p', { class: 'loading' }, 'Loading dead letters…'));
  const letterCount = h('p', { class: 'letter-count' });
  const redriveAll = h('button', { type: 'button', class: 'button', hidden: true }, 'Re-drive all');
  const letterRows = new KeyedRows<DeadLetter>(
    letterBody,
    (l) => l.id,
    (l) => {
      const r = l.message.request;
      const described = `${r.function} call ${r.callId}`;
      return {
        element: h(
          'tr',
          { 'data-key': l.id, 'data-letter': l.id },
          h('th', { scope: 'row', 'data-label': 'Function' }, functionLink(r.function, r.namespace)),
          h('td', { 'data-label': 'Failed' }, when(l.deadAt)),
          h(
            'td',
            { 'data-label': 'Reason' },
            l.reason,
            l.status !== undefined && !l.reason.includes(String(l.status)) ? ` (${l.status})` : '',
          ),
          h('td', { 'data-label': 'Attempts', class: 'num' }, String(l.attempts)),
          h('td', { 'data-label': 'Call id' }, h('code', {}, r.callId)),
          h('td', { 'data-label': 'Request' }, deadLetterRequest(l)),
          h(
            'td',
            { 'data-label': 'Actions' },
            h(
              'div',
              { class: 'row-actions' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'button primary',
                  'aria-label': `Re-drive ${described}`,
                  onclick: () => void redrive(l),
                },
                'Re-drive',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button danger',
                  'aria-label': `Discard ${described}`,
                  onclick: () => void discard(l),
                },
                'Discard',
              ),
            ),
          ),
        ),
        update: () => undefined,
      };
    },
  );
  const letterTable = table(
    'dead-letters',
    'Dead letters: calls that ran out of attempts, oldest first',
    ['Function', 'Failed', 'Reason', 'Attempts', 'Call id', 'Request', 'Actions'],
    letterBody,
  );
  const showLetters = () => {
    letterRows.show(letters);
    letterCount.textContent =
      letters.length === 0
        ? 'No dead letters: every call either ran or is still being tried.'
        : `${count(letters.length)} call${letters.length === 1 ? '' : 's'} ran out of attempts.`;
    redriveAll.hidden = letters.length === 0;
    if (letters.length > 0) {
      if (!letterArea.contains(letterTable)) replace(letterArea, letterTable);
    } else replace(letterArea);
  };

  // Counts since the gateway (and, in one process, the worker) started.
  const countsArea = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const showCounts = (counts: AsyncCounts) => {
    const names = [...counts.functions.keys()].sort();
    const worker = counts.worker;
    const columns = [
      'Function',
      'Queued',
      'Refused',
      ...(worker ? ['Done', 'Failed', 'Retried', 'Dead letters'] : []),
    ];
    const body = h(
      'tbody',
      {},
      names.map((name) => {
        const c = counts.functions.get(name)!;
        const cells = [
          c.accepted,
          c.refused,
          ...(worker ? [c.succeeded, c.failed, c.retried, c.deadLettered] : []),
        ];
        return h(
          'tr',
          {},
          h('th', { scope: 'row', 'data-label': 'Function' }, name),
          cells.map((n, i) => h('td', { class: 'num', 'data-label': columns[i + 1]! }, count(n))),
        );
      }),
    );
    replace(
      countsArea,
      names.length === 0
        ? h('p', { class: 'empty' }, 'No asynchronous call since the gateway started.')
        : table('async-counts', 'Asynchronous calls per function since the gateway started', columns, body),
      [...counts.queues].map(([queue, q]) =>
        h(
          'p',
          { class: 'queue-line' },
          `Queue ${queue}: ${count(q.waiting)} waiting or being tried, ${count(q.inFlight)} running now.`,
        ),
      ),
      worker
        ? null
        : h(
            'p',
            { class: 'none' },
            'The queue worker runs in a process of its own here: what it ran, retried and dead-lettered is on its own /metrics.',
          ),
    );
  };

  const load = async (): Promise<void | 'stop'> => {
    try {
      letters = await listDeadLetters(MAX_LETTERS, { timeoutMs: 10_000 });
    } catch (err) {
      if (err instanceof ApiError && err.status === 501) {
        replace(
          element.querySelector('.async-body')!,
          h('p', { class: 'empty' }, `Asynchronous calls are not enabled on this gateway: ${err.body}`),
        );
        return 'stop';
      }
      throw err;
    }
    showLetters();
    showRecent();
    // The counts are a bonus: a failure there leaves the rest current.
    await readMetrics({ timeoutMs: 10_000 }).then(
      (text) => showCounts(parseAsyncCounts(text)),
      (err: Error) => replace(countsArea, h('p', { class: 'empty' }, err.message)),
    );
  };
  const redrive = async (l: DeadLetter) => {
    try {
      const done = await redriveDeadLetter(l.id);
      ctx.notices.success(
        `Re-drove ${l.message.request.function} (call ${done.callId}): back on queue ${done.queue} with fresh attempts.`,
      );
      poll.refresh();
    } catch (err) {
      ctx.notices.error(err);
    }
  };
  const discard = async (l: DeadLetter) => {
    const r = l.message.request;
    const sure = await confirmAction(
      `Discard the dead letter of ${r.function}?`,
      `Call ${r.callId} will not run again, and its request is gone for good.`,
      'Discard',
    );
    if (!sure) return;
    try {
      await discardDeadLetter(l.id);
      ctx.notices.success(`Discarded the dead letter of ${r.function} (call ${r.callId}).`);
      poll.refresh();
    } catch (err) {
      ctx.notices.error(err);
    }
  };
  redriveAll.addEventListener('click', () => {
    void (async () => {
      const n = letters.length;
      const sure = await confirmAction(
        `Re-drive all ${n} dead letter${n === 1 ? '' : 's'}?`,
        'Each goes back on its queue with fresh attempts; the worker runs them again.',
        'Re-drive all',
      );
      if (!sure) return;
      try {
        const done = await redriveDeadLetters(Math.min(Math.max(n, 1), MAX_LETTERS));
        ctx.notices.success(
          `Re-drove ${done.redriven.length} dead letter${done.redriven.length === 1 ? '' : 's'}.`,
        );
        poll.refresh();
      } catch (err) {
        ctx.notices.error(err);
      }
    })();
  });

  const element = h(
    'section',
    { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Async calls')),
    h(
      'p',
      { class: 'lead' },
      h('code', {}, 'POST /async-function/<name>'),
      ' queues a call and answers 202 with its call id; the queue worker runs it later, retries failures with back-off, and moves what keeps failing to the dead letters, where you can run it again (re-drive) or discard it.',
    ),
    status,
    h(
      'div',
      { class: 'async-body' },
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'recent-title' },
        h('h2', { id: 'recent-title' }, 'Queued from this browser'),
        recentArea,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'letters-title' },
        h('h2', { id: 'letters-title' }, 'Dead letters'),
        h('div', { class: 'toolbar' }, letterCount, redriveAll),
        letterArea,
      ),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'counts-title' },
        h('h2', { id: 'counts-title' }, 'Since the gateway started'),
        countsArea,
      ),
    ),
  );
  const poll = livePoll({
    every: REFRESH_MS,
    connection: ctx.connection,
    load,
    stale: (staleness) => {
      status.textContent = staleness ? staleWords(staleness, REFRESH_MS) : '';
      element.querySelector('.async-body')?.classList.toggle('stale', staleness !== undefined);
    },
  });

  showRecent();
  return { element, title: 'Async calls · faas', dispose: () => poll.stop() };
}
