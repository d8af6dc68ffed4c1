import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
 * appending to the same logs would corrupt them. A lock left by a dead process is taken over.
 * Returns the release function.
 */
export async function lockDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, 'LOCK');
  for (let tries = 0; tries < 3; tries++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rm(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new Error(
        `the queue directory ${dir} is in use by process ${owner}; the embedded queue serves one process (use NATS to share a queue)`,
      );
    }
    await rm(path, { force: true });
  }
  throw new Error(`cannot lock the queue directory ${dir}`);
}
