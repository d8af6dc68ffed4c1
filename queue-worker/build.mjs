// Bundles the queue worker process (src/main.ts and every dependency, the nats client included)
// into one ES module, dist/queue-worker.mjs, for the container image (see Dockerfile). No prior
// tsc needed. Usage: node queue-worker/build.mjs   (also `npm run build -w @faas/queue-worker`)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'queue-worker.mjs');

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  // CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __faasRequire } from 'node:module'; const require = __faasRequire(import.meta.url);",
  },
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
process.stdout.write(`queue-worker: bundled ${outfile}\n`);
