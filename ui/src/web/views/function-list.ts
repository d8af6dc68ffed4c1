// The functions of every namespace, refreshed every two seconds without reloading the page.
import type { FunctionStatus } from '@faas/contracts';
import { getFunction, listFunctions, listNamespaces } from '../api/gateway-api.js';
import { ApiError } from '../api/http.js';
import { livePoll } from '../api/live-poll.js';
import { withNotReadyReasons } from '../api/not-ready-reasons.js';
import type { Staleness } from '../api/live-poll.js';
import { h, replace } from '../lib/dom.js';
import { ago, clock, count } from '../lib/format.js';
import { href } from '../lib/routes.js';
import { emptyState } from './empty-state.js';
import { KeyedRows } from './keyed-rows.js';
import type { KeyedRow } from './keyed-rows.js';
import { replicaBadge, startTimes } from './replica-state.js';
import { staleWords } from './stale-words.js';
import type { Context, View } from './view.js';

/** How often the list refreshes, ms. */
const REFRESH_MS = 2000;
/** A read that takes longer counts as the gateway not answering. */
const READ_TIMEOUT_MS = 10_000;

/** Every function the gateway lists, across namespaces, with why one is not ready when a provider says. */
async function listAll(): Promise<FunctionStatus[]> {
  const read = { timeoutMs: READ_TIMEOUT_MS };
  const namespaces = await listNamespaces(read).catch((err: Error) => {
    if (err instanceof ApiError && err.status === 0) throw err;
    return [] as string[];
  });
  const lists =
    namespaces.length > 1
      ? await Promise.all(namespaces.map((ns) => listFunctions(ns, read)))
      : [await listFunctions(undefined, read)];
  const all = lists
    .flat()
    .sort((a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
  return withNotReadyReasons(all, (fn) => getFunction(fn, read));
}

/** One table row, updated in place so keyboard focus on its link survives a refresh. */
class Row implements KeyedRow<FunctionStatus> {
  readonly element: HTMLTableRowElement;
  private readonly cells: HTMLTableCellElement[];

  constructor(
    fn: FunctionStatus,
    private readonly staleness: () => Staleness | undefined,
  ) {
    const ref = { name: fn.name, namespace: fn.namespace };
    this.cells = [
      h('td', { 'data-label': 'Namespace' }, fn.namespace),
      h('td', { 'data-label': 'Image', class: 'mono' }),
      h('td', { 'data-label': 'Replicas' }),
      h('td', { 'data-label': 'Invocations', class: 'num' }),
      h('td', { 'data-label': 'Created' }),
    ];
    this.element = h(
      'tr',
      { 'data-function': fn.name, 'data-key': `${fn.namespace}/${fn.name}` },
      h(
        'th',
        { scope: 'row', 'data-label': 'Name' },
        h('a', { href: href({ page: 'function', fn: ref }) }, fn.name),
      ),
      ...this.cells,
    );
    this.update(fn);
  }

  update(fn: FunctionStatus): void {
    const stale = this.staleness();
    const [, image, replicas, invocations, created] = this.cells;
    image!.textContent = fn.image;
    replace(replicas!, replicaBadge(fn, { startedAt: startTimes.observe(fn), ...(stale ? { stale } : {}) }));
    invocations!.textContent = count(fn.invocationCount);
    replace(created!, h('time', { datetime: fn.createdAt, title: fn.createdAt }, ago(fn.createdAt)));
  }
}

/** The list page. */
export function functionListView(ctx: Context): View {
  const filter = h('input', { type: 'search', id: 'filter', placeholder: 'e.g. echo', autocomplete: 'off' });
  const status = h('p', { class: 'refresh-status', role: 'status' });
  const body = h('tbody');
  const caption = h('caption', { class: 'visually-hidden' });
  const live = `Functions; the list refreshes every ${REFRESH_MS / 1000} seconds`;
  const table = h(
    'table',
    { class: 'functions cards' },
    caption,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Name', 'Namespace', 'Image', 'Replicas', 'Invocations', 'Created'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    body,
  );
  const content = h('div', { class: 'list-content' });
  let functions: FunctionStatus[] | undefined;
  /** Set while what the table shows is not current. */
  let stale: Staleness | undefined;
  const rows = new KeyedRows<FunctionStatus>(
    body,
    (fn) => `${fn.namespace}/${fn.name}`,
    (fn) => new Row(fn, () => stale),
  );

  const render = () => {
    caption.textContent = stale
      ? `Functions as last known${stale.since ? ` at ${clock(stale.since)}` : ''}; not current`
      : live;
    table.classList.toggle('stale', stale !== undefined);
    if (!functions) return;
    if (functions.length === 0) return replace(content, emptyState(location.origin));
    const term = filter.value.trim().toLowerCase();
    const shown = functions.filter((fn) => fn.name.toLowerCase().includes(term));
    rows.show(shown);
    if (shown.length === 0)
      replace(content, h('p', { class: 'empty' }, `No function’s name contains “${filter.value}”.`));
    else if (!content.contains(table)) replace(content, h('div', { class: 'table-wrap' }, table));
  };
  filter.addEventListener('input', render);

  const poll = livePoll({
    every: REFRESH_MS,
    connection: ctx.connection,
    load: async () => {
      functions = await listAll();
      render();
    },
    stale: (staleness) => {
      stale = staleness;
      status.textContent = staleness ? staleWords(staleness, REFRESH_MS) : '';
      if (functions) render();
      else if (staleness)
        replace(content, h('p', { class: 'empty' }, 'The function list could not be loaded.'));
    },
  });

  const element = h(
    'section',
    { class: 'page' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, 'Functions'),
      h('a', { class: 'button primary', href: href({ page: 'deploy' }) }, 'Deploy a function'),
    ),
    h('div', { class: 'toolbar' }, h('label', { for: 'filter' }, 'Filter by name'), filter),
    status,
    h('div', { class: 'list-content-wrap' }, content),
  );
  replace(content, h('p', { class: 'loading' }, 'Loading functions…'));
  return {
    element,
    title: 'Functions · faas',
    dispose: () => poll.stop(),
  };
}
