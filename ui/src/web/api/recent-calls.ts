// The asynchronous calls queued from this browser, remembered in its localStorage: the gateway
// keeps no list of accepted calls (only the dead letters), so the page can at least show the
// user's own calls with their ids and say which of them ended in the dead letters.

import type { KeyValueStore } from './key-value-store.js';

/** One call queued from the invoke panel. */
export interface RecentCall {
  /** `X-Call-Id` of the 202. */
  callId: string;
  /** The function's name and namespace. */
  name: string;
  namespace: string;
  /** When it was queued, ms since the epoch. */
  at: number;
  /** The callback URL it was given, if any. */
  callbackUrl?: string;
}

/** Calls kept; older ones are forgotten. */
export const MAX_RECENT_CALLS = 50;

const KEY = 'faas.ui.recent-async-calls';

/** Reads and writes the recent calls. */
export class RecentCalls {
  constructor(private readonly store: KeyValueStore) {}

  /** Newest first; an unreadable entry (another version, a user's edit) reads as none. */
  list(): RecentCall[] {
    try {
      const parsed: unknown = JSON.parse(this.store.getItem(KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isRecentCall) : [];
    } catch {
      return [];
    }
  }

  /** Remembers a call (first in the list), keeping at most {@link MAX_RECENT_CALLS}. */
  remember(call: RecentCall): void {
    const calls = [call, ...this.list().filter((c) => c.callId !== call.callId)].slice(0, MAX_RECENT_CALLS);
    try {
      this.store.setItem(KEY, JSON.stringify(calls));
    } catch {
      // Storage full or disabled: the call still ran; the list just will not show it.
    }
  }

  /** Forgets every call. */
  clear(): void {
    this.store.removeItem(KEY);
  }
}

function isRecentCall(v: unknown): v is RecentCall {
  const c = v as RecentCall;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.callId === 'string' &&
    typeof c.name === 'string' &&
    typeof c.namespace === 'string' &&
    typeof c.at === 'number'
  );
}
