import type { CliIo } from '../io.js';
import { Printer } from '../printer.js';
import type { Stack, StackFunction } from '../stack/stack.js';
import { findTemplate, templateDirs } from '../templates/template-catalogue.js';
import type { ImageBuilder } from './image-builder.js';
import { BuildFailure } from './image-builder.js';
import { prepareBuildFolder } from './prepare-build-folder.js';
import { Progress } from './progress.js';
import { runPool } from './run-pool.js';
import { findWatchdog } from './watchdog-artifacts.js';

/** How `faas build` (and `up`) builds. */
export interface BuildOptions {
  /** Extra `--build-arg`s for every function (over each function's `build_args`). */
  buildArgs: Record<string, string>;
  /** At most this many builds at once. */
  parallel: number;
  /** Build without the layer cache. */
  noCache: boolean;
  /** Only write the build folders (`--shrinkwrap`); no Docker. */
  shrinkwrap: boolean;
}

/** What happened to one function. */
export interface BuildOutcome {
  /** The function. */
  name: string;
  /** `built`, `prepared` (shrinkwrap), or why it was `skipped`. */
  result: 'built' | 'prepared' | 'skipped';
  /** The build folder, when one was written. */
  folder?: string;
  /** Milliseconds taken. */
  ms: number;
}

/** Functions `build` has nothing to do for: image-only, or `skip_build: true`. */
export function buildable(fn: StackFunction): boolean {
  return Boolean(fn.lang) && !fn.skipBuild;
}

/**
 * Prepares each function's build folder and builds its image, `parallel` at a time, with a
 * progress line per function; a failure prints that function's whole build log on stderr.
 * Returns the outcomes and the number of failures.
 */
export async function buildFunctions(
  io: CliIo,
  stack: Stack,
  functions: StackFunction[],
  options: BuildOptions,
  builder: () => ImageBuilder,
): Promise<{ outcomes: BuildOutcome[]; failures: number }> {
  const out = new Printer(io);
  const todo = functions.filter(buildable);
  for (const fn of functions.filter((f) => !buildable(f)))
    out.info(`${fn.name}: nothing to build (${fn.skipBuild ? 'skip_build: true' : 'no lang: image only'})`);
  const watchdog = findWatchdog(io.env);
  const progress = new Progress(
    io,
    todo.map((f) => f.name),
  );
  const results = await runPool(todo, options.parallel, async (fn): Promise<BuildOutcome> => {
    const started = Date.now();
    const template = findTemplate(fn.lang as string, templateDirs(stack.dir));
    progress.start(fn.name, options.shrinkwrap ? 'preparing build folder' : `building ${fn.image}`);
    const folder = await prepareBuildFolder({
      fn,
      template,
      projectDir: stack.dir,
      watchdog,
      warn: (w) => out.warn(w),
    });
    if (options.shrinkwrap) {
      progress.done(fn.name, `build folder ${folder}`);
      return { name: fn.name, result: 'prepared', folder, ms: Date.now() - started };
    }
    try {
      const buildArgs = { ...fn.buildArgs, ...options.buildArgs };
      await builder().build(
        { contextDir: folder, tag: fn.image, buildArgs, noCache: options.noCache },
        (line) => progress.update(fn.name, line),
      );
    } catch (err) {
      progress.fail(fn.name, `failed: ${(err as Error).message}`);
      throw err;
    }
    const ms = Date.now() - started;
    progress.done(fn.name, `built ${fn.image} in ${(ms / 1000).toFixed(1)}s`);
    return { name: fn.name, result: 'built', folder, ms };
  });
  progress.stop();
  let failures = 0;
  results.forEach((r, i) => {
    if (r.ok) return;
    failures++;
    const name = todo[i]?.name;
    out.info(`${out.paint('red', 'error:')} ${name}: ${r.error.message}`);
    if (r.error instanceof BuildFailure && r.error.log.length) {
      out.info(`--- build log of ${name} ---`);
      for (const line of r.error.log) out.info(line);
      if (
        /pull access denied|no such host|dial tcp|manifest unknown|not found: manifest/i.test(
          r.error.log.join('\n') + r.error.message,
        )
      )
        out.info(
          `hint: the base image could not be pulled; offline, build with --build-arg BASE=faas/offline-base:latest`,
        );
    }
  });
  const outcomes = results.flatMap((r) => (r.ok ? [r.value] : []));
  const skipped = functions
    .filter((f) => !buildable(f))
    .map((f): BuildOutcome => ({ name: f.name, result: 'skipped', ms: 0 }));
  return { outcomes: [...outcomes, ...skipped], failures };
}
