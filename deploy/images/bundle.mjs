// One way to bundle a service for its container image (no node_modules in the image): esbuild
// turns src/main.ts and every dependency into one minified ES module. Each package's build.mjs
// says only what differs: entry, output, defines, externals.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

// CommonJS dependencies (express, the Kubernetes client, dockerode) call require() for Node
// built-ins, and some read __dirname; an ES module has neither, so the banner defines them.
const REQUIRE = [
  "import { createRequire as __faasRequire } from 'node:module';",
  'const require = __faasRequire(import.meta.url);',
];
const FILENAME = [
  "import { fileURLToPath as __faasPath } from 'node:url';",
  'const __filename = __faasPath(import.meta.url);',
  "const __dirname = __faasPath(new URL('.', import.meta.url));",
];

/**
 * Bundles `entry` into `outfile` and prints `<name>: bundled <outfile>`.
 * @param {object} options
 * @param {string} options.name what the line printed at the end names
 * @param {string} options.entry the process's main.ts
 * @param {string} options.outfile the ES module to write; its directory is created
 * @param {boolean} [options.clean] empty the output directory first
 * @param {boolean} [options.dirname] also define __filename and __dirname (default true)
 * @param {string[]} [options.external] modules left out (optional native add-ons)
 * @param {Record<string, string>} [options.define] identifiers replaced at build time
 */
export async function bundleService({
  name,
  entry,
  outfile,
  clean = false,
  dirname: withDirname = true,
  external,
  define,
}) {
  if (clean) rmSync(dirname(outfile), { recursive: true, force: true });
  mkdirSync(dirname(outfile), { recursive: true });
  const banner = withDirname ? [REQUIRE[0], FILENAME[0], REQUIRE[1], FILENAME[1], FILENAME[2]] : REQUIRE;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    conditions: ['source'],
    ...(external ? { external } : {}),
    banner: { js: banner.join(' ') },
    ...(define ? { define } : {}),
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  process.stdout.write(`${name}: bundled ${outfile}\n`);
}
