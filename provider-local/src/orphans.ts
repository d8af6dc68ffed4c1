import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@faas/service-kit';

/**
 * Stops watchdogs left behind by a provider that was killed without a chance to stop them (their
 * pid files are still in `run/`). A pid is only signalled when /proc shows it still runs the
 * watchdog entries, so a recycled pid is never touched; elsewhere the files are just removed.
 */
export async function stopOrphans(
  runDir: string,
  watchdogEntries: string[],
  logger: Logger,
): Promise<number> {
  let files: string[];
  try {
    files = (await readdir(runDir)).filter((f) => f.endsWith('.pid'));
  } catch {
    return 0;
  }
  let stopped = 0;
  for (const file of files) {
    const path = join(runDir, file);
    const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (pid > 0 && watchdogEntries.some((entry) => cmdline.includes(entry))) {
      try {
        process.kill(pid, 'SIGTERM');
        stopped += 1;
      } catch {
        // Already gone.
      }
    }
    await rm(path, { force: true });
  }
  if (stopped > 0) logger.warn('stopped replicas left over from a previous run', { count: stopped });
  return stopped;
}
