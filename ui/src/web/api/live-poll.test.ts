import { Connection } from './connection.js';
import { livePoll } from './live-poll.js';
import type { Staleness } from './live-poll.js';

/** Resolves once `check` holds (polls every 5 ms, at most 2 s). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error('condition never held');
}

describe('a live poll', () => {
  let clock = 1_000;
  const now = () => clock;
  const polls: { stop(): void }[] = [];
  afterEach(() => polls.splice(0).forEach((p) => p.stop()));

  it('marks what is shown stale on a failed read, since the last good one, and current again after', async () => {
    const events: (Staleness | undefined)[] = [];
    let fail = false;
    let reads = 0;
    const poll = livePoll({
      every: 10,
      connection: new Connection(),
      now,
      load: async () => {
        reads += 1;
        if (fail) throw new Error('Could not list functions: the gateway did not answer.');
      },
      stale: (s) => events.push(s),
    });
    polls.push(poll);
    await until(() => reads >= 1);
    clock = 2_000;
    fail = true;
    await until(() => events.length === 1);
    expect(events[0]).toEqual({
      since: 1_000,
      reason: 'Could not list functions: the gateway did not answer.',
    });
    fail = false;
    await until(() => events.length === 2);
    expect(events[1]).toBeUndefined();
    poll.stop();
  });

  it('goes stale as soon as the connection is down, and reads at once when it is back', async () => {
    clock = 1_000;
    const connection = new Connection();
    const events: (Staleness | undefined)[] = [];
    let reads = 0;
    const poll = livePoll({
      every: 60_000,
      connection,
      now,
      load: async () => {
        reads += 1;
      },
      stale: (s) => events.push(s),
    });
    polls.push(poll);
    await until(() => reads === 1);
    clock = 5_000;
    connection.unanswered('The gateway did not answer (Failed to fetch)', 4_000);
    expect(events).toEqual([{ since: 1_000, reason: 'The gateway did not answer (Failed to fetch)' }]);
    connection.answered();
    await until(() => reads === 2 && events.length === 2);
    expect(events[1]).toBeUndefined();
    poll.stop();
    connection.unanswered('gone again');
    expect(events).toHaveLength(2);
  });

  it('stops when a read says so', async () => {
    let reads = 0;
    livePoll({
      every: 5,
      connection: new Connection(),
      load: async () => {
        reads += 1;
        return 'stop';
      },
      stale: () => undefined,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(reads).toBe(1);
  });
});

describe('the connection', () => {
  it('reports changes only, dated by the first unanswered call', () => {
    const connection = new Connection();
    const seen: string[] = [];
    connection.subscribe((l) => seen.push(l.state === 'down' ? `down@${l.since}: ${l.reason}` : 'live'));
    connection.answered();
    connection.unanswered('refused', 10);
    connection.unanswered('timed out', 20);
    expect(connection.current).toEqual({ state: 'down', since: 10, reason: 'refused' });
    connection.answered();
    connection.answered();
    expect(seen).toEqual(['down@10: refused', 'live']);
  });
});
