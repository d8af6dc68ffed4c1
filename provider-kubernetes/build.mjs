// Bundles the provider into one ES module for its container image (no node_modules in the image):
// dist/bundle/main.mjs. No prior tsc needed.
// Usage: node provider-kubernetes/build.mjs [--outfile <path>]
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const flag = process.argv.indexOf('--outfile');
const outfile = flag > 0 ? process.argv[flag + 1] : join(here, 'dist', 'bundle', 'main.mjs');
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  // Optional native add-ons some transitive dependencies try inside try/catch.
  external: ['*.node'],
  // CommonJS dependencies call require() and read __dirname; give the ES module both.
  banner: {
    js: [
      "import { createRequire as __faasRequire } from 'node:module';",
      "import { fileURLToPath as __faasPath } from 'node:url';",
      'const require = __faasRequire(import.meta.url);',
      'const __filename = __faasPath(import.meta.url);',
      "const __dirname = __faasPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
process.stdout.write(`provider-kubernetes: bundled ${outfile}\n`);
