// The one sentence that says what is shown is not current, and what happens next.
import type { Staleness } from '../api/live-poll.js';
import { clock } from '../lib/format.js';

/** "Not current: last read at 12:03:04. Could not …: the gateway did not answer … Retrying every 2 s." */
export function staleWords(staleness: Staleness, everyMs: number): string {
  const when = staleness.since ? `Not current: last read at ${clock(staleness.since)}. ` : '';
  return `${when}${staleness.reason.replace(/\.?$/, '.')} Retrying every ${everyMs / 1000} s.`;
}
