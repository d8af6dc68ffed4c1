// The one behaviour suite every queue backend runs (hono's runTest pattern): each backend's test
// file calls runQueueSuite with a way to open the backend on fresh storage.
import { until } from '@faas/service-kit/testing';
import { redrive } from '../src/redrive.js';
import { sampleMessage, sleep } from '../src/testing/index.js';
import type { Consumer, Delivery, QueueBackend, QueueMessage } from '../src/types.js';

/** Storage for one test: `open` may be called again after `close` to simulate a restart. */
export interface SuiteStorage {
  open(): Promise<QueueBackend>;
  dispose(): Promise<void>;
}

/** What a backend's test file passes in. */
export interface SuiteTarget {
  /** Fresh, empty storage. */
  fresh(): Promise<SuiteStorage>;
}

const DEADLINE = 800;

/** A consumer that records what it was given and settles by `behaviour`. */
function recorder(behaviour: (d: Delivery) => Promise<void> = (d) => d.ack()) {
  const seen: { callId: string; attempt: number; at: number }[] = [];
  const handler = async (d: Delivery): Promise<void> => {
    seen.push({ callId: d.message.request.callId, attempt: d.attempt, at: Date.now() });
    await behaviour(d);
  };
  return { seen, handler };
}

export function runQueueSuite(target: SuiteTarget): void {
  let storage: SuiteStorage;
  let backend: QueueBackend;
  let consumers: Consumer[];

  beforeEach(async () => {
    storage = await target.fresh();
    backend = await storage.open();
    consumers = [];
  });
  afterEach(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await backend.close();
    await storage.dispose();
  });

  const consume = (name: string, handler: (d: Delivery) => Promise<void>, concurrency = 4): Consumer => {
    const consumer = backend.queue(name).consume(handler, { concurrency, ackDeadlineMs: DEADLINE });
    consumers.push(consumer);
    return consumer;
  };

  it('delivers a published message intact, as attempt 1', async () => {
    const sent = sampleMessage({ path: '/a/b', query: 'x=1', body: 'payload' }, { attempts: 3 });
    await backend.queue('q').publish(sent);
    const got: { message: QueueMessage; attempt: number }[] = [];
    consume('q', async (d) => {
      got.push({ message: d.message, attempt: d.attempt });
      await d.ack();
    });
    await until('the delivery', () => got.length === 1, 10_000, 20);
    expect(got[0]).toEqual({ message: sent, attempt: 1 });
  });

  it('delivers in publish order', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => sampleMessage({ body: String(i) }));
    for (const m of sent) await backend.queue('q').publish(m);
    const { seen, handler } = recorder();
    consume('q', handler, 1);
    await until('20 deliveries', () => seen.length === 20, 10_000, 20);
    expect(seen.map((s) => s.callId)).toEqual(sent.map((m) => m.request.callId));
  });

  it('forgets an acknowledged message: depth 0 and no redelivery after the deadline', async () => {
    await backend.queue('q').publish(sampleMessage());
    expect(await backend.queue('q').depth()).toBe(1);
    const { seen, handler } = recorder();
    consume('q', handler);
    await until('the delivery', () => seen.length === 1, 10_000, 20);
    await until('depth 0', async () => (await backend.queue('q').depth()) === 0, 10_000, 20);
    await sleep(DEADLINE * 1.5);
    expect(seen).toHaveLength(1);
  });

  it('redelivers a nak with a delay after the delay, as attempt 2', async () => {
    await backend.queue('q').publish(sampleMessage());
    const { seen, handler } = recorder((d) => (d.attempt === 1 ? d.nak(500) : d.ack()));
    consume('q', handler);
    await until('the redelivery', () => seen.length === 2, 10_000, 20);
    expect(seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(450);
  });

  it('redelivers a message left unsettled once the ack deadline passes', async () => {
    await backend.queue('q').publish(sampleMessage());
    const { seen, handler } = recorder(async (d) => {
      if (d.attempt > 1) await d.ack();
    });
    consume('q', handler);
    await until('the redelivery', () => seen.length === 2, 10_000, 20);
    expect(seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(DEADLINE - 100);
  });

  it('does not redeliver a job that calls working() while it runs past the deadline', async () => {
    await backend.queue('q').publish(sampleMessage());
    const { seen, handler } = recorder(async (d) => {
      for (let i = 0; i < 8; i++) {
        await sleep(DEADLINE / 3);
        await d.working();
      }
      await d.ack();
    });
    consume('q', handler);
    await until('the job to finish', async () => (await backend.queue('q').depth()) === 0, 10_000, 20);
    await sleep(DEADLINE * 1.5);
    expect(seen.map((s) => s.attempt)).toEqual([1]);
  });

  it('never delivers a terminated message again', async () => {
    await backend.queue('q').publish(sampleMessage());
    const { seen, handler } = recorder((d) => d.term());
    consume('q', handler);
    await until('the delivery', () => seen.length === 1, 10_000, 20);
    await sleep(DEADLINE * 1.5);
    expect(seen).toHaveLength(1);
    expect(await backend.queue('q').depth()).toBe(0);
  });

  it('never has more deliveries in hand than its concurrency', async () => {
    for (let i = 0; i < 8; i++) await backend.queue('q').publish(sampleMessage());
    let inHand = 0;
    let most = 0;
    const { seen, handler } = recorder(async (d) => {
      most = Math.max(most, ++inHand);
      await sleep(100);
      inHand--;
      await d.ack();
    });
    consume('q', handler, 3);
    await until('8 deliveries', () => seen.length === 8, 10_000, 20);
    expect(most).toBe(3);
  });

  it('keeps queues apart', async () => {
    const a = sampleMessage();
    const b = sampleMessage();
    await backend.queue('qa').publish(a);
    await backend.queue('qb').publish(b);
    const { seen, handler } = recorder();
    consume('qb', handler);
    await until('the delivery', () => seen.length === 1, 10_000, 20);
    await sleep(200);
    expect(seen.map((s) => s.callId)).toEqual([b.request.callId]);
    expect(await backend.queue('qa').depth()).toBe(1);
  });

  it('stops pulling on stop() and waits for the handler in progress', async () => {
    for (let i = 0; i < 3; i++) await backend.queue('q').publish(sampleMessage());
    let finished = 0;
    const { seen, handler } = recorder(async (d) => {
      await sleep(300);
      await d.ack();
      finished++;
    });
    const consumer = consume('q', handler, 1);
    await until('the first delivery', () => seen.length === 1, 10_000, 20);
    await consumer.stop();
    expect(finished).toBe(1);
    await sleep(300);
    expect(seen).toHaveLength(1);
    expect(await backend.queue('q').depth()).toBe(2);
  });

  it('keeps every message across a restart, and counts the attempt of the one that was in hand', async () => {
    const sent = [sampleMessage(), sampleMessage(), sampleMessage()];
    for (const m of sent) await backend.queue('q').publish(m);
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const first = recorder(() => held);
    const consumer = consume('q', first.handler, 1);
    await until('a delivery', () => first.seen.length === 1, 10_000, 20);
    release();
    await consumer.stop();
    expect(first.seen).toHaveLength(1);
    consumers = [];
    await backend.close();

    backend = await storage.open();
    const { seen, handler } = recorder();
    consume('q', handler, 1);
    await until('3 deliveries', () => seen.length === 3, 15_000, 20);
    expect(new Set(seen.map((s) => s.callId))).toEqual(new Set(sent.map((m) => m.request.callId)));
    const again = seen.find((s) => s.callId === first.seen[0]!.callId);
    expect(again?.attempt).toBe(2);
  });

  it('rejects a publish once closed', async () => {
    const closing = backend;
    await closing.close();
    await expect(closing.queue('q').publish(sampleMessage())).rejects.toThrow();
    backend = await storage.open();
  });

  it('lists no dead letters in a new store', async () => {
    expect(await backend.deadLetters.list()).toEqual([]);
    expect(await backend.deadLetters.get('1')).toBeUndefined();
  });

  it('stores, lists, finds and removes dead letters, oldest first', async () => {
    const letter = {
      queue: 'q',
      message: sampleMessage(),
      attempts: 3,
      reason: 'function answered 503',
      status: 503,
      deadAt: new Date().toISOString(),
    };
    const first = await backend.deadLetters.add(letter);
    const second = await backend.deadLetters.add({ ...letter, message: sampleMessage() });
    expect((await backend.deadLetters.list()).map((l) => l.id)).toEqual([first, second]);
    expect(await backend.deadLetters.get(first)).toEqual({ id: first, ...letter });
    expect(await backend.deadLetters.list(1)).toHaveLength(1);
    expect(await backend.deadLetters.remove(first)).toBe(true);
    expect(await backend.deadLetters.remove(first)).toBe(false);
    expect(await backend.deadLetters.get(first)).toBeUndefined();
    expect((await backend.deadLetters.list()).map((l) => l.id)).toEqual([second]);
  });

  it('keeps dead letters across a restart and re-drives one back onto its queue', async () => {
    const message = sampleMessage();
    const id = await backend.deadLetters.add({
      queue: 'q',
      message,
      attempts: 5,
      reason: 'connect ECONNREFUSED',
      deadAt: new Date().toISOString(),
    });
    await backend.close();
    backend = await storage.open();

    expect((await redrive(backend, id))?.message).toEqual(message);
    expect(await redrive(backend, id)).toBeUndefined();
    expect(await backend.deadLetters.list()).toEqual([]);
    const { seen, handler } = recorder();
    consume('q', handler);
    await until('the re-driven message', () => seen.length === 1, 10_000, 20);
    expect(seen[0]).toMatchObject({ callId: message.request.callId, attempt: 1 });
  });
}
