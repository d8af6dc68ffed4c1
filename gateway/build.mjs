// Bundles the gateway process (src/main.ts and every dependency) into one ES module,
// dist/gateway.mjs, for the container image (see Dockerfile). No prior tsc needed.
// Usage: node gateway/build.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const outfile = join(here, 'dist', 'gateway.mjs');

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  // CommonJS dependencies (express) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __faasRequire } from 'node:module'; const require = __faasRequire(import.meta.url);",
  },
  define: { FAAS_GATEWAY_RELEASE: JSON.stringify(version) },
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
});
process.stdout.write(`gateway: bundled ${outfile}\n`);
