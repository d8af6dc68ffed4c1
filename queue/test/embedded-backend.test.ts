import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@faas/service-kit';
import { openEmbeddedBackend } from '../src/embedded/embedded-backend.js';
import { runQueueSuite } from './queue-suite.js';

describe('embedded queue backend', () => {
  runQueueSuite({
    async fresh() {
      const dir = await mkdtemp(join(tmpdir(), 'faas-queue-'));
      return {
        open: () => openEmbeddedBackend({ dir, logger: new MemoryLogger() }),
        dispose: () => rm(dir, { recursive: true, force: true }),
      };
    },
  });
});
