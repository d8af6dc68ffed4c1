import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a file so a reader (or a crash) never sees it half-written: a temp file beside it,
 * flushed to disk, then renamed over the target. The temp file's name does not include the
 * target's, which may already be as long as a name can be (a 253-character secret).
 */
export async function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600): Promise<void> {
  const temp = join(dirname(path), `.${randomBytes(4).toString('hex')}.tmp`);
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
 * Whether a directory entry is one of our temp files (skipped when listing, removed at start):
 * `.1a2b3c4d.tmp`, or `<name>.1a2b3c4d.tmp` as earlier versions named them.
 */
export function isTempFile(name: string): boolean {
  return /\.[0-9a-f]{8}\.tmp$/.test(name);
}
