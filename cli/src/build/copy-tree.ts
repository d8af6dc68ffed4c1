import { copyFile, lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Copies a folder recursively, keeping file modes and symlinks, skipping what `keep` refuses.
 * Unlike fs.cp it may copy a folder into a subfolder of itself (a handler of `.` holds build/),
 * because `keep` decides and the destination is skipped by the caller's filter.
 */
export async function copyTree(
  from: string,
  to: string,
  keep: (path: string) => boolean = () => true,
): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dest = join(to, entry.name);
    if (!keep(src)) continue;
    if (entry.isDirectory()) await copyTree(src, dest, keep);
    else if (entry.isSymbolicLink()) await symlink(await readlink(src), dest);
    else if ((await lstat(src)).isFile()) await copyFile(src, dest);
  }
}
