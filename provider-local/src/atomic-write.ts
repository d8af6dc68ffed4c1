import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a file so a reader (or a crash) never sees it half-written: a temp file beside it,
 * flushed to disk, then renamed over the target. The temp file's name does not grow with the
 * target's (a secret's name may take 253 of a file name's 255 bytes) and starts with a dot, which
 * no secret or function name does.
 */
export async function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Whether a directory entry is one of our temp files (skipped when listing, removed at start),
 * today's (`.1a2b3c4d5e6f.tmp`) or an older version's (`state.json.1a2b3c4d.tmp`).
 */
export function isTempFile(name: string): boolean {
  return /^\.[0-9a-f]{12}\.tmp$/.test(name) || /\.[0-9a-f]{8}\.tmp$/.test(name);
}
