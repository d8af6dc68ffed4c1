// Bundles the provider into one ES module for its container image (no node_modules in the
// image): dist/bundle/main.mjs, next to which the Dockerfile puts package.json at ../../ so the
// version lookup finds it as in the repository.
// Usage: node provider-swarm/build.mjs
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, 'dist', 'bundle', 'main.mjs');
rmSync(dirname(outfile), { recursive: true, force: true });
mkdirSync(dirname(outfile), { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  // ssh2 (dockerode's ssh:// transport, unused here) loads optional native add-ons inside try/catch.
  external: ['cpu-features', '*.node'],
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

process.stdout.write(`provider-swarm: bundled ${outfile}\n`);
