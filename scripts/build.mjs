#!/usr/bin/env node
// `npm run build`, which `npm start` runs first: `tsc --build` over every project, then each
// workspace's own build step (bundles, the web UI), saying what is being built and how far —
// a fresh clone's first build takes a minute or two; later ones redo only what changed and print
// one line. Progress goes to stderr; a failure exits non-zero with the compiler's messages.
//
// Usage: node scripts/build.mjs [DIR]   (DIR: where tsconfig.json is; default the repository)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { URL, fileURLToPath } from 'node:url';
import { createProgress } from './build-progress.mjs';

const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
const started = Date.now();
const say = (line) => process.stderr.write(`build: ${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Runs a command in `root`; each stdout line goes to `onLine`, stderr is inherited. */
function run(command, args, onLine) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).on('line', onLine);
    child.on('error', fail);
    child.on('close', (code) => done(code ?? 1));
  });
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const pretty = process.stdout.isTTY ? ['--pretty'] : [];
const progress = createProgress({ say, pass: (line) => process.stdout.write(`${line}\n`), root });
const code = await run(process.execPath, [tsc, '--build', '--verbose', ...pretty], progress.onLine);
const { projects, compiled } = progress.summary();
if (code !== 0) {
  say(`TypeScript failed after ${elapsed()} (the errors are above)`);
  process.exit(code);
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (manifest.workspaces) {
  if (compiled > 0) say("bundling: each workspace's own build step (watchdog, queue worker, web UI)");
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const bundled = await run(
    command,
    [...args, 'run', 'build', '--workspaces', '--if-present', '--silent'],
    (line) => process.stdout.write(`${line}\n`),
  );
  if (bundled !== 0) {
    say(`a workspace build step failed after ${elapsed()} (its output is above)`);
    process.exit(bundled);
  }
}
say(
  compiled > 0
    ? `done in ${elapsed()}: ${compiled} of ${projects} TypeScript projects compiled${compiled < projects ? ', the rest up to date' : ''}`
    : `up to date in ${elapsed()} (${projects} TypeScript projects unchanged)`,
);
