// Its own entry point (`@faas/service-kit/dir-lock`): no dependencies, so the queue's embedded
// backend can use it without the logger's.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Directories this process holds, so a second claim from inside it is refused too. */
const held = new Set<string>();

/** Whether a process with this id is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a data directory for this process with a `LOCK` file holding the pid: two processes
 * writing the same files would corrupt them. A lock whose process is gone is taken over; so is
 * one naming this process's own pid that this process does not hold (a restarted container gets
 * the same pid again). Refuses with `inUse(pid)` (a sentence naming the directory) otherwise, and
 * touches nothing else. Returns the release function.
 */
export async function lockDir(dir: string, inUse: (owner: number) => string): Promise<() => Promise<void>> {
  const key = resolve(dir);
  const path = join(dir, 'LOCK');
  if (held.has(key)) throw new Error(inUse(process.pid));
  for (let tries = 0; tries < 3; tries++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      held.add(key);
      return async () => {
        held.delete(key);
        await rm(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
      throw new Error(inUse(owner));
    }
    await rm(path, { force: true });
  }
  throw new Error(`cannot lock ${dir}: its LOCK file keeps changing`);
}
