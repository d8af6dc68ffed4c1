import type { CliIo } from '../io.js';
import { Printer } from '../printer.js';
import type { StackFunction } from '../stack/stack.js';
import { buildable } from './build-functions.js';
import type { ImageBuilder } from './image-builder.js';
import { Progress } from './progress.js';
import { runPool } from './run-pool.js';

/** Where to read about deploying without a registry; printed when a push fails. */
export const NO_REGISTRY_HINT =
  'hint: no registry reachable? On a single-node Swarm, or with the local provider, deploy without pushing: `faas up --skip-push`';

/** Pushes the images `build` makes (functions with a lang, not skip_build); returns the failures. */
export async function pushImages(
  io: CliIo,
  functions: StackFunction[],
  parallel: number,
  builder: () => ImageBuilder,
): Promise<number> {
  const out = new Printer(io);
  const todo = functions.filter(buildable);
  const progress = new Progress(
    io,
    todo.map((f) => f.name),
  );
  const results = await runPool(todo, parallel, async (fn) => {
    progress.start(fn.name, `pushing ${fn.image}`);
    try {
      await builder().push(fn.image, (line) => progress.update(fn.name, line));
    } catch (err) {
      progress.fail(fn.name, `failed: ${(err as Error).message}`);
      throw err;
    }
    progress.done(fn.name, `pushed ${fn.image}`);
  });
  progress.stop();
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) if (!r.ok) out.info(`${out.paint('red', 'error:')} ${r.error.message}`);
  if (failed.length) out.info(NO_REGISTRY_HINT);
  return failed.length;
}
