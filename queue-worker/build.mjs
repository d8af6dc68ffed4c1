// Bundles the queue worker process (src/main.ts and every dependency, the nats client included)
// into one ES module, dist/queue-worker.mjs, for the container image (see Dockerfile). No prior
// tsc needed. Usage: node queue-worker/build.mjs   (also `npm run build -w @faas/queue-worker`)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService } from '../deploy/images/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));

await bundleService({
  name: 'queue-worker',
  entry: join(here, 'src', 'main.ts'),
  outfile: join(here, 'dist', 'queue-worker.mjs'),
  dirname: false,
});
