// A function's logs: the last lines, then new ones as they come while "Follow" is on.
import type { LogMessage } from '@faas/contracts';
import { readLogs } from '../api/gateway-api.js';
import { h } from '../lib/dom.js';
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

function line(m: LogMessage): HTMLLIElement {
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

/** The logs panel; `dispose` closes the stream. */
export function logsPanel(fn: FunctionRef): { element: HTMLElement; dispose(): void } {
  const follow = h('input', { type: 'checkbox', id: 'logs-follow', checked: true });
  const tail = h(
    'select',
    { id: 'logs-tail' },
    ['50', '200', '1000'].map((n) => h('option', { value: n, selected: n === '200' }, `last ${n} lines`)),
  );
  const status = h('p', { class: 'logs-status', role: 'status' });
  const output = h('ol', { class: 'logs', role: 'log', 'aria-label': `Logs of ${fn.name}`, tabindex: '0' });
  let controller: AbortController | undefined;

  const start = () => {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    output.replaceChildren();
    status.textContent = follow.checked ? 'Following: new lines appear as they are written.' : 'Reading…';
    const options = { tail: Number(tail.value), follow: follow.checked, signal: mine.signal };
    readLogs(fn, options, (m) => {
      const atBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 8;
      output.append(line(m));
      while (output.childElementCount > MAX_LINES) output.firstElementChild?.remove();
      if (atBottom) output.scrollTop = output.scrollHeight;
    }).then(
      () => {
        if (controller !== mine) return;
        status.textContent = output.childElementCount === 0 ? 'No log lines yet.' : 'End of the logs.';
      },
      (err: Error) => {
        if (err.name === 'AbortError' || controller !== mine) return;
        status.textContent = err.message;
      },
    );
  };
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
  return { element, dispose: () => controller?.abort() };
}
