import { MemoryLogger } from '@faas/service-kit';
import { openNatsBackend } from '../src/nats/nats-backend.js';
import { describeWithNats, sampleMessage, startNatsServer, type NatsServer } from '../src/testing/index.js';
import { runQueueSuite } from './queue-suite.js';

describeWithNats('NATS JetStream queue backend', () => {
  let server: NatsServer;
  let cases = 0;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(() => server?.dispose());

  it("refuses a call larger than the server's max_payload with 413 and a sentence, before sending it", async () => {
    const backend = openNatsBackend({
      servers: server.url,
      logger: new MemoryLogger(),
      prefix: `big${Date.now()}`,
    });
    try {
      const queue = backend.queue('faas-request');
      await queue.publish(sampleMessage({ body: 'small' }));
      const big = sampleMessage({ body: 'x'.repeat(800 * 1024) });
      await expect(queue.publish(big)).rejects.toMatchObject({
        status: 413,
        message: expect.stringMatching(
          /^The queued call is \d+ bytes .* NATS takes at most 1048576 \(max_payload\)/,
        ),
      });
      expect(await queue.depth()).toBe(1);
    } finally {
      await backend.close();
    }
  });

  runQueueSuite({
    async fresh() {
      const prefix = `t${++cases}${Date.now().toString(36)}`;
      return {
        open: async () => openNatsBackend({ servers: server.url, logger: new MemoryLogger(), prefix }),
        dispose: async () => undefined,
      };
    },
  });
});
