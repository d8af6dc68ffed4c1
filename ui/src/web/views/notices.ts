// Messages above the page: errors stay until dismissed (role="alert"), successes fade (role="status").
import { h } from '../lib/dom.js';

/** Shows messages to the user. */
export class Notices {
  constructor(private readonly region: HTMLElement) {}

  /** Shows an error; never swallowed: it stays until the user dismisses it. */
  error(err: unknown): void {
    if ((err as Error)?.name === 'AbortError') return;
    const text = err instanceof Error ? err.message : String(err);
    this.show(text, 'error');
  }

  /** Shows a short success message for a few seconds. */
  success(text: string): void {
    const notice = this.show(text, 'success');
    setTimeout(() => notice.remove(), 6000);
  }

  /** Removes every message (on navigation). */
  clear(): void {
    this.region.replaceChildren();
  }

  private show(text: string, kind: 'error' | 'success'): HTMLElement {
    for (const old of this.region.querySelectorAll<HTMLElement>('.notice'))
      if (old.dataset.text === text) old.remove();
    const notice = h(
      'div',
      { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-text': text },
      h('p', {}, text),
      h(
        'button',
        { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss', onclick: () => notice.remove() },
        '×',
      ),
    );
    this.region.append(notice);
    return notice;
  }
}
