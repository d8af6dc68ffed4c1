// A banner under the header while the gateway does not answer: everything below is the last known
// state, not the current one. It is a live region that stays in the page (empty while all is
// well), so screen readers hear both the outage and the recovery.
import type { Connection } from '../api/connection.js';
import { clock } from '../lib/format.js';

/** How long "answers again" stays up, ms. */
const RECOVERED_MS = 6000;

/** Keeps `region` in step with `connection`. */
export function connectionBanner(region: HTMLElement, connection: Connection): void {
  let clear: ReturnType<typeof setTimeout> | undefined;
  connection.subscribe((liveness) => {
    clearTimeout(clear);
    document.documentElement.dataset.gateway = liveness.state;
    if (liveness.state === 'down') {
      region.className = 'connection connection-down';
      region.textContent =
        `The gateway is not answering (since ${clock(liveness.since)}): this page shows what was last ` +
        `known, not the current state. ${liveness.reason.replace(/\.?$/, '.')} Retrying.`;
      return;
    }
    region.className = 'connection connection-up';
    region.textContent = 'The gateway answers again; this page is current.';
    clear = setTimeout(() => {
      region.className = 'connection';
      region.textContent = '';
    }, RECOVERED_MS);
  });
}
