// A function's logs: the last lines, then new ones as they come while "Follow" is on.
import type { LogMessage } from '@faas/contracts';
import type { Connection } from '../api/connection.js';
import { readLogs } from '../api/gateway-api.js';
import { ApiError } from '../api/http.js';
import { h } from '../lib/dom.js';
import { clock } from '../lib/format.js';
import type { FunctionRef } from '../lib/routes.js';

/** Most lines kept on the page; older ones are dropped. */
const MAX_LINES = 2000;

/** The watchdog logs JSON (pino); show its message and level, or the line as it is. */
export function readableText(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    const parsed = JSON.parse(text) as { msg?: unknown; level?: unknown };
    if (typeof parsed.msg !== 'string') return text;
    const level =
      typeof parsed.level === 'number' && parsed.level >= 50
        ? 'error: '
        : parsed.level === 40
          ? 'warn: '
          : '';
    return `${level}${parsed.msg}`;
  } catch {
    return text;
  }
}

/** One log line as a list item: time, instance, readable text. */
export function logLine(m: LogMessage): HTMLLIElement {
  const time = m.timestamp.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
  return h(
    'li',
    {},
    h('time', { datetime: m.timestamp }, time),
    ' ',
    h('span', { class: 'instance' }, m.instance),
    ' ',
    h('span', { class: 'text' }, readableText(m.text)),
  );
}

/** How long to wait before reopening a follow stream the gateway ended, ms. */
const REOPEN_MS = 2000;

/**
 * The logs panel; `dispose` closes the stream. While following, it never claims to follow a stream
 * that is gone: when the gateway stops answering or the stream ends, it says so, and follows again
 * (history reloaded) once the gateway answers.
 */
export function logsPanel(
  fn: FunctionRef,
  connection: Connection,
): { element: HTMLElement; dispose(): void } {
  const follow = h('input', { type: 'checkbox', id: 'logs-follow', checked: true });
  const tail = h(
    'select',
    { id: 'logs-tail' },
    ['50', '200', '1000'].map((n) => h('option', { value: n, selected: n === '200' }, `last ${n} lines`)),
  );
  const status = h('p', { class: 'logs-status', role: 'status' });
  const output = h('ol', { class: 'logs', role: 'log', 'aria-label': `Logs of ${fn.name}`, tabindex: '0' });
  let controller: AbortController | undefined;
  /** A followed stream was lost; reopen it when the gateway answers. */
  let lost = false;
  let reopen: ReturnType<typeof setTimeout> | undefined;

  const interrupted = (words: string) => {
    controller?.abort();
    controller = undefined;
    lost = true;
    status.textContent = words;
    output.classList.add('stale');
  };
  const start = () => {
    clearTimeout(reopen);
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    lost = false;
    output.replaceChildren();
    output.classList.remove('stale');
    status.textContent = follow.checked ? 'Following: new lines appear as they are written.' : 'Reading…';
    const options = { tail: Number(tail.value), follow: follow.checked, signal: mine.signal };
    readLogs(fn, options, (m) => {
      const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 8;
      output.append(logLine(m));
      while (output.childElementCount > MAX_LINES) output.firstElementChild?.remove();
      if (atBottom) output.scrollTop = output.scrollHeight;
    }).then(
      () => {
        if (controller !== mine) return;
        if (options.follow) {
          interrupted(
            `Not following: the log stream ended at ${clock(Date.now())}; lines written since are not shown. Reopening…`,
          );
          reopen = setTimeout(start, REOPEN_MS);
          return;
        }
        status.textContent = output.childElementCount === 0 ? 'No log lines yet.' : 'End of the logs.';
      },
      (err: Error) => {
        if (err.name === 'AbortError' || controller !== mine) return;
        if (err instanceof ApiError && err.status === 0 && options.follow)
          return interrupted(`Not following: ${err.message} Follows again when the gateway answers.`);
        status.textContent = err.message;
      },
    );
  };
  const unsubscribe = connection.subscribe((liveness) => {
    if (liveness.state === 'down' && controller && follow.checked)
      interrupted(
        `Not following: the gateway is not answering (since ${clock(liveness.since)}); lines written since are not shown. Follows again when it answers.`,
      );
    else if (liveness.state === 'live' && lost) start();
  });
  follow.addEventListener('change', start);
  tail.addEventListener('change', start);
  start();

  const element = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'logs-title' },
    h('h2', { id: 'logs-title' }, 'Logs'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { class: 'check' }, follow, ' Follow'),
      h('label', { for: 'logs-tail', class: 'visually-hidden' }, 'How many lines of history'),
      tail,
      h('button', { type: 'button', class: 'button', onclick: start }, 'Reload'),
    ),
    status,
    output,
  );
  return {
    element,
    dispose: () => {
      unsubscribe();
      clearTimeout(reopen);
      controller?.abort();
    },
  };
}
