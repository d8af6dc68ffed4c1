// Builds the watchdog's deliverables from the TypeScript sources (no prior tsc needed):
//   dist/fwatchdog.js      one bundled ES module for hosts with Node (`node dist/fwatchdog.js`)
//   dist/fwatchdog-bun.js  the same for Bun (src/bun/main.ts: Bun's server and process APIs)
//   dist/fwatchdog-spawn   the fork server the Node runtime starts processes through
//   dist/fwatchdog         with --executable: the self-contained executable for function images
//                          (`bun build --compile` of fwatchdog-bun.js: the Bun runtime + the bundle)
// Usage: node build.mjs [--executable] [--outfile <path>]
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** Bundles `entry` (src/main.ts for Node, src/bun/main.ts for Bun) into one ES module. */
async function bundle(file, entry = join(here, 'src', 'main.ts'), runtime = 'node') {
  mkdirSync(dirname(file), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['bun'],
    conditions: ['source'],
    plugins: [withoutPino],
    minify: true,
    keepNames: true,
    legalComments: 'none',
    banner: { js: `#!/usr/bin/env ${runtime}` },
    logLevel: 'warning',
  });
  chmodSync(file, 0o755);
}

await bundle(outfile);
process.stdout.write(`watchdog: bundled ${outfile}\n`);
const bunEntry = join(dirname(outfile), 'fwatchdog-bun.js');
await bundle(bunEntry, join(here, 'src', 'bun', 'main.ts'), 'bun');
process.stdout.write(`watchdog: bundled ${bunEntry}\n`);

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

if (args.includes('--executable')) {
  // Bun compiles a bundle into a copy of its own executable (no download: the target is this host).
  // The same lookup as bunBinary() in src/entry-path.ts: BUN_PATH, else npm's @oven/bun-linux-<arch>.
  const arch = process.arch === 'arm64' ? 'aarch64' : process.arch;
  const bun =
    process.env.BUN_PATH ||
    join(
      dirname(createRequire(import.meta.url).resolve(`@oven/bun-linux-${arch}/package.json`)),
      'bin',
      'bun',
    );
  const binary = join(dirname(outfile), 'fwatchdog');
  execFileSync(bun, ['build', '--compile', '--minify', bunEntry, '--outfile', binary], { stdio: 'inherit' });
  process.stdout.write(`watchdog: built the self-contained executable ${binary}\n`);
}
