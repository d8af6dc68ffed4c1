// Bundles the provider into one ES module for its container image (no node_modules in the
// image): dist/bundle/main.mjs, next to which the Dockerfile puts package.json at ../../ so the
// version lookup finds it as in the repository.
// Usage: node provider-swarm/build.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService } from '../deploy/images/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
await bundleService({
  name: 'provider-swarm',
  entry: join(here, 'src', 'main.ts'),
  outfile: join(here, 'dist', 'bundle', 'main.mjs'),
  clean: true,
  // ssh2 (dockerode's ssh:// transport, unused here) loads optional native add-ons inside try/catch.
  external: ['cpu-features', '*.node'],
});
