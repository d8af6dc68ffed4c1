import { MemoryLogger } from '@faas/service-kit';
import { openNatsBackend } from '../src/nats/nats-backend.js';
import { describeWithNats, startNatsServer, type NatsServer } from '../src/testing/index.js';
import { runQueueSuite } from './queue-suite.js';

describeWithNats('NATS JetStream queue backend', () => {
  let server: NatsServer;
  let cases = 0;
  beforeAll(async () => {
    server = await startNatsServer();
  });
  afterAll(() => server?.dispose());

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
