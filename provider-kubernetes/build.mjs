// Bundles the provider into one ES module for its container image (no node_modules in the image):
// dist/bundle/main.mjs. No prior tsc needed.
// Usage: node provider-kubernetes/build.mjs [--outfile <path>]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleService } from '../deploy/images/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf('--outfile');
await bundleService({
  name: 'provider-kubernetes',
  entry: join(here, 'src', 'main.ts'),
  outfile: flag > 0 ? process.argv[flag + 1] : join(here, 'dist', 'bundle', 'main.mjs'),
  // Optional native add-ons some transitive dependencies try inside try/catch.
  external: ['*.node'],
});
