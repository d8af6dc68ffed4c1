// What a dead letter would send again: method, path, query, callback, when it was queued, and the
// body (as text when it is UTF-8 text, else its size), folded away under "Show".
import type { DeadLetter } from '@faas/contracts';
import { h } from '../lib/dom.js';
import { bytes } from '../lib/format.js';

/** Most characters of a text body shown. */
const BODY_CHARS = 500;

/** The body of a queued request in words: its text (shortened), or its size when binary. */
export function bodyPreview(base64: string): string {
  let raw: Uint8Array;
  try {
    raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return 'unreadable (not base64)';
  }
  if (raw.length === 0) return 'empty';
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return `${bytes(raw.length)}, binary`;
    return text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}… (${bytes(raw.length)})` : text;
  } catch {
    return `${bytes(raw.length)}, binary`;
  }
}

/** The request of a dead letter, folded. */
export function deadLetterRequest(letter: DeadLetter): HTMLElement {
  const r = letter.message.request;
  const rows: [string, string][] = [
    ['Request', `${r.method} ${r.path || '/'}${r.query ? `?${r.query}` : ''}`],
    ['Queue', letter.queue],
    ['Queued at', r.enqueuedAt],
    ['Callback', r.callbackUrl ?? 'none'],
    ['Body', bodyPreview(r.body)],
  ];
  return h(
    'details',
    { class: 'letter-request' },
    h('summary', {}, 'Show', h('span', { class: 'visually-hidden' }, ` the request of call ${r.callId}`)),
    h(
      'dl',
      {},
      rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, h('code', {}, value)))),
    ),
  );
}
