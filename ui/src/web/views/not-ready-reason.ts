// Why a function is not ready, as far as the platform says: the provider's reason when its status
// carries one (`notReadyReason`, e.g. a process that exits), and the last lines its replicas and
// the provider wrote, where a crash or a missing file shows (docs/decisions.md).
import { readLogs } from '../api/gateway-api.js';
import { h, replace } from '../lib/dom.js';
import type { FunctionRef } from '../lib/routes.js';
import { logLine } from './logs-panel.js';
import { START_GRACE_MS } from './replica-state.js';
import type { Readiness } from './replica-state.js';

/** Lines shown. */
const LINES = 8;
/** Read them again at most this often while it stays not ready, ms. */
const REREAD_MS = 10_000;

/**
 * The panel; `update` with the current readiness and the provider's reason, if any (readiness
 * undefined while the status is not current).
 */
export function notReadyReason(fn: FunctionRef): {
  element: HTMLElement;
  update(readiness: Readiness | undefined, reason?: string): void;
} {
  const lines = h('ol', { class: 'logs logs-short', 'aria-label': `Last log lines of ${fn.name}` });
  const summary = h('p', {});
  const element = h(
    'section',
    { class: 'panel callout-bad', 'aria-labelledby': 'not-ready-title', hidden: true },
    h('h2', { id: 'not-ready-title' }, 'Why it is not ready'),
    summary,
    lines,
  );
  const summarise = (reason: string | undefined): void =>
    replace(
      summary,
      ...(reason
        ? [
            'The provider says: ',
            h('strong', { class: 'provider-reason' }, reason),
            '. The last lines its replicas and the provider wrote:',
          ]
        : [
            `No replica became ready within ${START_GRACE_MS / 1000} s of its deployment or last scale-up. `,
            'The provider reports no reason in the function’s status; the last lines its replicas and the provider wrote usually say it:',
          ]),
    );
  let readAt = 0;
  let reading = false;
  const read = async () => {
    reading = true;
    readAt = Date.now();
    const found: HTMLLIElement[] = [];
    try {
      await readLogs(
        fn,
        { tail: LINES, follow: false, signal: AbortSignal.timeout(10_000) },
        (m) => void found.push(logLine(m)),
      );
      replace(lines, found.length > 0 ? found : h('li', { class: 'none' }, 'It has written no log line.'));
    } catch (err) {
      replace(lines, h('li', { class: 'none' }, `Its logs could not be read: ${(err as Error).message}`));
    } finally {
      reading = false;
    }
  };
  return {
    element,
    update(readiness, reason) {
      if (readiness === undefined) return;
      element.hidden = readiness !== 'not-ready';
      if (!element.hidden) summarise(reason);
      if (!element.hidden && !reading && Date.now() - readAt >= REREAD_MS) void read();
      if (element.hidden) readAt = 0;
    },
  };
}
