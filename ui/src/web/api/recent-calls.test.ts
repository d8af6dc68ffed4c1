import { MAX_RECENT_CALLS, RecentCalls } from './recent-calls.js';
import type { KeyValueStore } from './key-value-store.js';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('recent async calls', () => {
  const call = (n: number) => ({ callId: `id-${n}`, name: 'echo', namespace: 'openfaas-fn', at: n });

  it('lists the newest first and keeps at most the limit', () => {
    const calls = new RecentCalls(memoryStore());
    for (let n = 1; n <= MAX_RECENT_CALLS + 5; n++) calls.remember(call(n));
    const listed = calls.list();
    expect(listed).toHaveLength(MAX_RECENT_CALLS);
    expect(listed[0]!.callId).toBe(`id-${MAX_RECENT_CALLS + 5}`);
    expect(listed.at(-1)!.callId).toBe('id-6');
  });

  it('keeps one entry per call id, and forgets them all on clear', () => {
    const calls = new RecentCalls(memoryStore());
    calls.remember(call(1));
    calls.remember({ ...call(1), at: 9 });
    expect(calls.list()).toEqual([{ ...call(1), at: 9 }]);
    calls.clear();
    expect(calls.list()).toEqual([]);
  });

  it('reads damaged storage as no calls', () => {
    const store = memoryStore();
    store.setItem('faas.ui.recent-async-calls', '{not json');
    expect(new RecentCalls(store).list()).toEqual([]);
    store.setItem('faas.ui.recent-async-calls', JSON.stringify([{ callId: 1 }, call(2)]));
    expect(new RecentCalls(store).list()).toEqual([call(2)]);
  });
});
