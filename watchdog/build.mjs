// Builds the watchdog's two deliverables from the TypeScript sources (no prior tsc needed):
//   dist/fwatchdog.js  one bundled ES module for hosts with Node (`node dist/fwatchdog.js`)
//   dist/fwatchdog     with --sea: a self-contained executable (Node single-executable application:
//                      a copy of this host's node binary with the bundle injected by postject)
// Usage: node build.mjs [--sea] [--outfile <path>]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--outfile');
const outfile = resolve(outIndex >= 0 ? args[outIndex + 1] : join(here, 'dist', 'fwatchdog.js'));

/**
 * service-kit's index imports pino for createLogger, which the watchdog does not call (it has its
 * own line logger, see src/line-logger.ts). Loading pino costs ~6 MB of resident memory per
 * replica, so the bundle gets a stub that fails loudly if it is ever used.
 */
const withoutPino = {
  name: 'without-pino',
  setup(b) {
    b.onResolve({ filter: /^pino$/ }, () => ({ path: 'pino', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export function pino() { throw new Error("pino is not bundled into the watchdog"); }',
      loader: 'js',
    }));
  },
};

/** Bundles src/main.ts into one file in the given module format. */
async function bundle(file, format) {
  mkdirSync(dirname(file), { recursive: true });
  await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    conditions: ['source'],
    plugins: [withoutPino],
    minify: true,
    keepNames: true,
    legalComments: 'none',
    banner: format === 'esm' ? { js: '#!/usr/bin/env node' } : undefined,
    logLevel: 'warning',
  });
  chmodSync(file, 0o755);
}

await bundle(outfile, 'esm');
process.stdout.write(`watchdog: bundled ${outfile}\n`);

// The fork server (native/fork-server.c) goes beside the bundle: a static executable, so it runs
// on any x86-64/arm64 Linux base image. Without a C compiler the watchdog falls back to Node's
// child_process (slower classic mode, same behaviour).
const spawnBinary = join(dirname(outfile), 'fwatchdog-spawn');
try {
  execFileSync('cc', ['-O2', '-static', '-Wall', '-o', spawnBinary, join(here, 'native', 'fork-server.c')], {
    stdio: 'inherit',
  });
  process.stdout.write(`watchdog: compiled the fork server ${spawnBinary}\n`);
} catch (err) {
  process.stderr.write(
    `watchdog: could not compile the fork server (${err.message}); classic mode will use Node's child_process\n`,
  );
}

if (args.includes('--sea')) {
  // Node 20's single-executable applications run one CommonJS script.
  const work = join(here, 'dist', 'sea');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const script = join(work, 'fwatchdog.cjs');
  await bundle(script, 'cjs');
  const blob = join(work, 'fwatchdog.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(
    config,
    JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
  const binary = join(here, 'dist', 'fwatchdog');
  copyFileSync(process.execPath, binary);
  chmodSync(binary, 0o755);
  const postject = join(here, '..', 'node_modules', 'postject', 'dist', 'cli.js');
  execFileSync(
    process.execPath,
    [
      postject,
      binary,
      'NODE_SEA_BLOB',
      blob,
      '--sentinel-fuse',
      'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    ],
    { stdio: 'inherit' },
  );
  process.stdout.write(`watchdog: built the self-contained executable ${binary}\n`);
}
