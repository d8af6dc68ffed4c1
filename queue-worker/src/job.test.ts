import type { DeadLetter, DeadLetterStore, Delivery, QueueMessage } from '@faas/queue';
import { sampleMessage } from '@faas/queue/testing';
import { MemoryLogger } from '@faas/service-kit';
import { CallbackPolicy } from '@faas/queue';
import { Registry } from 'prom-client';
import { CallbackSender } from './callback-sender.js';
import type { CallbackOutcome } from './callback-sender.js';
import type { FunctionInvoker } from './function-invoker.js';
import { HttpClient, TransportError } from './http-client.js';
import { runJob, type JobDeps } from './job.js';
import { WorkerMetrics } from './worker-metrics.js';

/** A delivery that records how it was settled. */
function fakeDelivery(message: QueueMessage, attempt: number) {
  const settled: string[] = [];
  const delivery: Delivery = {
    message,
    attempt,
    ack: async () => void settled.push('ack'),
    nak: async (ms = 0) => void settled.push(`nak ${ms}`),
    working: async () => void settled.push('working'),
    term: async () => void settled.push('term'),
  };
  return { delivery, settled };
}

class MemoryDeadLetters implements DeadLetterStore {
  readonly letters: DeadLetter[] = [];
  async add(letter: Omit<DeadLetter, 'id'>): Promise<string> {
    this.letters.push({ id: String(this.letters.length + 1), ...letter });
    return String(this.letters.length);
  }
  async list(): Promise<DeadLetter[]> {
    return this.letters;
  }
  async get(id: string): Promise<DeadLetter | undefined> {
    return this.letters.find((l) => l.id === id);
  }
  async remove(): Promise<boolean> {
    return false;
  }
}

/** A callback sender that reports every callback as undeliverable after three attempts. */
const unreachableCallbacks = {
  send: async (): Promise<CallbackOutcome> => ({
    delivered: false,
    attempts: 3,
    error: 'connect ECONNREFUSED',
  }),
} as unknown as CallbackSender;

function deps(
  invoker: FunctionInvoker,
  deadLetters = new MemoryDeadLetters(),
  callbacks?: CallbackSender,
): JobDeps {
  const policy = { attempts: 3, codes: [503], minWaitMs: 1000, maxWaitMs: 8000 };
  return {
    invoker,
    callbacks: callbacks ?? new CallbackSender(new HttpClient(), policy, 1000, new CallbackPolicy('*')),
    deadLetters,
    defaults: policy,
    queueName: 'faas-request',
    ackDeadlineMs: 30_000,
    metrics: new WorkerMetrics(new Registry(), async () => 0, []),
    logger: new MemoryLogger(),
    random: () => 0,
  };
}

const never: FunctionInvoker = {
  invoke: () => Promise.reject(new Error('the function must not be called')),
};

describe('runJob', () => {
  it('dead-letters without calling the function when an earlier delivery used the last attempt and died', async () => {
    const letters = new MemoryDeadLetters();
    const message = sampleMessage();
    const { delivery, settled } = fakeDelivery(message, 4);
    await runJob(delivery, deps(never, letters), new AbortController().signal);
    expect(settled).toEqual(['ack']);
    expect(letters.letters).toEqual([
      expect.objectContaining({
        queue: 'faas-request',
        attempts: 4,
        message,
        reason: expect.stringMatching(/never finished/),
      }),
    ]);
  });

  it.each([
    [1, 'nak 500'],
    [2, 'nak 1000'],
  ])('puts attempt %i of a transport failure back with back-off (%s)', async (attempt, expected) => {
    const failing: FunctionInvoker = {
      invoke: () => Promise.reject(new TransportError('connect ECONNREFUSED')),
    };
    const { delivery, settled } = fakeDelivery(sampleMessage(), attempt);
    await runJob(delivery, deps(failing), new AbortController().signal);
    expect(settled).toEqual([expected]);
  });

  it('dead-letters the last attempt of a transport failure with the error as its reason', async () => {
    const letters = new MemoryDeadLetters();
    const failing: FunctionInvoker = {
      invoke: () => Promise.reject(new TransportError('connect ECONNREFUSED')),
    };
    const { delivery, settled } = fakeDelivery(sampleMessage(), 3);
    await runJob(delivery, deps(failing, letters), new AbortController().signal);
    expect(settled).toEqual(['ack']);
    expect(letters.letters[0]).toMatchObject({ attempts: 3, reason: 'connect ECONNREFUSED' });
    expect(letters.letters[0]).not.toHaveProperty('status');
  });

  it('dead-letters a call whose callback failed every attempt, with the status the function gave', async () => {
    const letters = new MemoryDeadLetters();
    const ok: FunctionInvoker = {
      invoke: async () => ({ status: 200, headers: {}, body: Buffer.from('done') }),
    };
    const message = sampleMessage({ callbackUrl: 'http://127.0.0.1:9/back' });
    const { delivery, settled } = fakeDelivery(message, 1);
    await runJob(delivery, deps(ok, letters, unreachableCallbacks), new AbortController().signal);
    expect(settled).toEqual(['ack']);
    expect(letters.letters).toEqual([
      expect.objectContaining({
        message,
        attempts: 1,
        status: 200,
        reason: 'callback to http://127.0.0.1:9/back failed after 3 attempt(s): connect ECONNREFUSED',
      }),
    ]);
  });

  it('dead-letters a failed call once, even when its callback fails too', async () => {
    const letters = new MemoryDeadLetters();
    const unavailable: FunctionInvoker = {
      invoke: async () => ({ status: 503, headers: {}, body: Buffer.from('busy') }),
    };
    const message = sampleMessage({ callbackUrl: 'http://127.0.0.1:9/back' });
    const { delivery, settled } = fakeDelivery(message, 3);
    await runJob(delivery, deps(unavailable, letters, unreachableCallbacks), new AbortController().signal);
    expect(settled).toEqual(['ack']);
    expect(letters.letters).toEqual([
      expect.objectContaining({ status: 503, reason: 'function answered 503' }),
    ]);
  });

  it('puts the message straight back when shutdown interrupts the call', async () => {
    const shutdown = new AbortController();
    const hanging: FunctionInvoker = {
      invoke: (_r, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new TransportError('aborted'))),
        ),
    };
    const { delivery, settled } = fakeDelivery(sampleMessage(), 1);
    const job = runJob(delivery, deps(hanging), shutdown.signal);
    shutdown.abort();
    await job;
    expect(settled).toEqual(['nak 0']);
  });
});
