import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { MemoryLogger } from '@faas/service-kit';
import { until } from '@faas/service-kit/testing';
import { openEmbeddedBackend } from '../src/embedded/embedded-backend.js';
import { sampleMessage, sleep } from '../src/testing/index.js';
import type { Delivery } from '../src/types.js';

describe('embedded queue after a crash', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faas-crash-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps every acknowledged publish and redelivers the held ones when the owner was killed with SIGKILL', async () => {
    const script = join(dir, 'child.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      conditions: ['source'],
      outfile: script,
      logLevel: 'silent',
    });
    const data = join(dir, 'data');
    const child = spawn(process.execPath, [script, data], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const lines = (kind: string): string[] =>
      output
        .split('\n')
        .filter((l) => l.startsWith(`${kind} `))
        .map((l) => l.slice(kind.length + 1));
    let died = false;
    child.once('exit', () => (died = true));
    await until(
      '200 publishes and 3 held deliveries',
      () => {
        if (died) throw new Error(`the child died early:\n${output}`);
        return lines('published').length >= 200 && lines('held').length === 3;
      },
      20_000,
      20,
    );
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const published = lines('published');
    const held = lines('held');

    const backend = await openEmbeddedBackend({ dir: data, logger: new MemoryLogger() });
    const seen = new Map<string, number>();
    const consumer = backend.queue('q').consume(
      async (d: Delivery) => {
        seen.set(d.message.request.callId, d.attempt);
        await d.ack();
      },
      { concurrency: 8, ackDeadlineMs: 5_000 },
    );
    await until('every published message', () => published.every((id) => seen.has(id)), 20_000, 20);
    await consumer.stop();
    await backend.close();
    for (const id of held) expect(seen.get(id)).toBe(2);
    expect(published.filter((id) => !held.includes(id)).every((id) => seen.get(id) === 1)).toBe(true);
  });

  it('compacts the log once most of it is acknowledged, keeping what is not', async () => {
    const backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger(), compactAtBytes: 16 * 1024 });
    const queue = backend.queue('q');
    const messages = Array.from({ length: 120 }, () => sampleMessage({ body: 'y'.repeat(100) }));
    await Promise.all(messages.map((m) => queue.publish(m)));
    const path = join(dir, 'queues', 'q.log');
    const full = (await stat(path)).size;
    let acked = 0;
    const consumer = queue.consume(
      async (d) => {
        if (acked < 110) {
          acked++;
          await d.ack();
        }
      },
      { concurrency: 200, ackDeadlineMs: 60_000 },
    );
    await until('110 acks', () => acked === 110, 10_000, 20);
    await until('a compaction', async () => (await stat(path)).size < full / 2, 10_000, 20);
    await sleep(50);
    await consumer.stop();
    await backend.close();
    expect((await readFile(path, 'utf8')).split('\n').filter(Boolean).length).toBeLessThanOrEqual(20);

    const again = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    expect(await again.queue('q').depth()).toBe(10);
    await again.close();
  });

  it('refuses a data directory another live process holds', async () => {
    const backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    await expect(openEmbeddedBackend({ dir, logger: new MemoryLogger() })).rejects.toThrow(
      /in use by process/,
    );
    await backend.close();
    const again = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    await again.close();
  });
});
