// The embedded queue's files hold callers' bodies: only the platform's user may read them; and
// the calls wait in memory, so a queue holds a bounded number of bytes.
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@faas/service-kit';
import { until } from '@faas/service-kit/testing';
import { openEmbeddedBackend } from '../src/embedded/embedded-backend.js';
import { sampleMessage } from '../src/testing/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faas-queue-files-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function modes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true })) {
    out[entry] = ((await stat(join(root, entry))).mode & 0o777).toString(8);
  }
  return out;
}

describe('embedded queue files', () => {
  it('are 0600 (directories 0700): logs, dead letters and the lock', async () => {
    const backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    await backend.queue('faas-request').publish(sampleMessage());
    await backend.deadLetters.add({
      queue: 'faas-request',
      message: sampleMessage(),
      attempts: 1,
      reason: 'test',
      deadAt: new Date().toISOString(),
    });
    expect(await modes(dir)).toEqual({
      LOCK: '600',
      'dead-letters.log': '600',
      queues: '700',
      'queues/faas-request.log': '600',
    });
    expect(((await stat(dir)).mode & 0o777).toString(8)).toBe('700');
    await backend.close();
  });

  it('makes files an older version left readable private when it opens them', async () => {
    await mkdir(join(dir, 'queues'), { recursive: true, mode: 0o755 });
    await writeFile(join(dir, 'queues', 'faas-request.log'), '', { mode: 0o644 });
    await writeFile(join(dir, 'dead-letters.log'), '', { mode: 0o644 });
    await chmod(dir, 0o755);
    const backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    await backend.queue('faas-request').depth();
    expect(await modes(dir)).toMatchObject({
      'dead-letters.log': '600',
      queues: '700',
      'queues/faas-request.log': '600',
    });
    expect(((await stat(dir)).mode & 0o777).toString(8)).toBe('700');
    await backend.close();
  });
});

describe('embedded queue capacity', () => {
  it('refuses a publish past maxBytes with a sentence, and takes calls again once some are done', async () => {
    const backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger(), maxBytes: 64 * 1024 });
    const queue = backend.queue('faas-request');
    const call = (): ReturnType<typeof sampleMessage> => sampleMessage({ body: 'x'.repeat(15_000) });
    for (let i = 0; i < 3; i++) await queue.publish(call());
    await expect(queue.publish(call())).rejects.toThrow(
      /^queue faas-request is full: 3 calls wait, \d+ bytes of the 65536 it holds \(queue_max_bytes\); try again later$/,
    );
    expect(await queue.depth()).toBe(3);
    const consumer = queue.consume(async (delivery) => delivery.ack(), {
      concurrency: 1,
      ackDeadlineMs: 5_000,
    });
    await until('the queue to drain', async () => (await queue.depth()) === 0, 5_000, 20);
    await consumer.stop();
    await queue.publish(call());
    expect(await queue.depth()).toBe(1);
    await backend.close();
  });
});
