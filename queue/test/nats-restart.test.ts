import { MemoryLogger } from '@faas/service-kit';
import { until } from '@faas/service-kit/testing';
import { openNatsBackend } from '../src/nats/nats-backend.js';
import { describeWithNats, sampleMessage, startNatsServer, type NatsServer } from '../src/testing/index.js';
import type { QueueBackend } from '../src/types.js';

describeWithNats('NATS JetStream queue backend across a nats-server restart', () => {
  let server: NatsServer;
  let backend: QueueBackend;
  beforeEach(async () => {
    server = await startNatsServer();
    backend = openNatsBackend({ servers: server.url, logger: new MemoryLogger(), publishTimeoutMs: 2_000 });
  });
  afterEach(async () => {
    await backend.close();
    await server.dispose();
  });

  it('keeps published messages when nats-server is killed and restarted on its store', async () => {
    const sent = Array.from({ length: 20 }, () => sampleMessage());
    for (const m of sent) await backend.queue('q').publish(m);
    await server.stop('SIGKILL');
    await server.start();

    const seen = new Set<string>();
    const consumer = backend.queue('q').consume(
      async (d) => {
        seen.add(d.message.request.callId);
        await d.ack();
      },
      { concurrency: 4, ackDeadlineMs: 5_000 },
    );
    await until('all 20 messages', () => seen.size === 20, 20_000, 20);
    await consumer.stop();
    expect([...seen].sort()).toEqual(sent.map((m) => m.request.callId).sort());
  });

  it('fails a publish fast while nats-server is down, and consumes again once it is back', async () => {
    const seen: string[] = [];
    const consumer = backend.queue('q').consume(
      async (d) => {
        seen.push(d.message.request.callId);
        await d.ack();
      },
      { concurrency: 2, ackDeadlineMs: 5_000 },
    );
    await backend.queue('q').publish(sampleMessage());
    await until('the first message', () => seen.length === 1, 10_000, 20);

    await server.stop('SIGKILL');
    const started = Date.now();
    await expect(backend.queue('q').publish(sampleMessage())).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);

    await server.start();
    const after = sampleMessage();
    await until(
      'a publish to succeed again',
      () =>
        backend
          .queue('q')
          .publish(after)
          .then(() => true)
          .catch(() => false),
      10_000,
      20,
    );
    await until(
      'the message published after the restart',
      () => seen.includes(after.request.callId),
      20_000,
      20,
    );
    await consumer.stop();
  });
});
