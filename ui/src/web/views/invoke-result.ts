// Shows an invocation's answer: status, time, headers, and the body as text, JSON or a download.
import { explainFailure } from '../api/failure-explanation.js';
import { viewOfBody } from '../api/invoke.js';
import type { InvokeResult } from '../api/invoke.js';
import { h } from '../lib/dom.js';
import { bytes } from '../lib/format.js';
import { href } from '../lib/routes.js';

function statusClass(status: number): string {
  if (status >= 500) return 'status-error';
  if (status >= 400) return 'status-warn';
  return 'status-ok';
}

/** What a failed answer means (which time limit, how the process ended), above its body. */
function explanation(
  result: InvokeResult,
  internal: string | null,
  envVars?: Record<string, string>,
): HTMLElement | null {
  if (result.status < 400) return null;
  const explained = explainFailure({
    status: result.status,
    text: new TextDecoder().decode(result.body.subarray(0, 4096)),
    internal,
    durationMs: result.durationMs,
    envVars,
  });
  if (!explained) return null;
  return h(
    'div',
    { class: `outcome outcome-${explained.kind}` },
    h('p', { class: 'outcome-title' }, h('strong', {}, explained.title)),
    explained.sentences.map((s) => h('p', {}, s)),
  );
}

/**
 * The result panel for one answer; `envVars` is the function's environment when known (where its
 * watchdog's time limits are set).
 */
export function invokeResult(
  result: InvokeResult,
  async: boolean,
  envVars?: Record<string, string>,
): HTMLElement {
  const header = (name: string) => result.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? null;
  const internal = header('x-openfaas-internal');
  const callId = header('x-call-id');
  const view = viewOfBody(header('content-type'), result.body);
  let body: HTMLElement;
  if (view.kind === 'empty') body = h('p', { class: 'none' }, 'Empty body.');
  else if (view.kind === 'binary') {
    const url = URL.createObjectURL(
      new Blob([result.body as BlobPart], { type: header('content-type') ?? 'application/octet-stream' }),
    );
    body = h(
      'p',
      {},
      `Binary body, ${bytes(view.size)}: `,
      h('a', { href: url, download: 'response.bin' }, 'download it'),
    );
  } else
    body = h(
      'pre',
      { class: `body body-${view.kind}`, tabindex: '0', 'aria-label': 'Response body' },
      view.text,
    );

  return h(
    'section',
    { class: 'panel result', 'aria-labelledby': 'result-title' },
    h('h2', { id: 'result-title', tabindex: '-1' }, 'Response'),
    h(
      'p',
      { class: 'result-line' },
      h(
        'strong',
        { class: `status ${statusClass(result.status)}`, 'data-status': result.status },
        `${result.status} ${result.statusText}`,
      ),
      ` in ${result.durationMs.toFixed(0)} ms · ${bytes(result.body.length)}`,
    ),
    explanation(result, internal, envVars),
    async && result.status === 202
      ? h(
          'p',
          { class: 'async-note' },
          'Queued. Call id: ',
          h('code', { class: 'call-id' }, callId ?? 'none given'),
          '. The queue worker invokes the function; its answer goes to the callback URL, if one was given. ',
          h('a', { href: href({ page: 'async' }) }, 'See the async calls'),
          ' (it is listed there, and among the dead letters if it keeps failing).',
        )
      : null,
    internal
      ? h(
          'p',
          { class: 'internal-note' },
          `This answer came from the platform (${internal}), not from the function itself.`,
        )
      : null,
    body,
    h(
      'details',
      { class: 'headers' },
      h('summary', {}, `Headers (${result.headers.length})`),
      h(
        'table',
        {},
        h(
          'tbody',
          {},
          result.headers.map(([n, v]) => h('tr', {}, h('th', { scope: 'row' }, n), h('td', {}, v))),
        ),
      ),
    ),
  );
}
