// Bundles the gateway process (src/main.ts and every dependency) into one ES module,
// dist/gateway.mjs, for the container image (see Dockerfile). No prior tsc needed.
// Usage: node gateway/build.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService } from '../deploy/images/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

await bundleService({
  name: 'gateway',
  entry: join(here, 'src', 'main.ts'),
  outfile: join(here, 'dist', 'gateway.mjs'),
  // Only require(), as the gateway bundle has always had (pino reads __dirname only for transports).
  dirname: false,
  define: { FAAS_GATEWAY_RELEASE: JSON.stringify(version) },
});
