import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempFile } from './atomic-write.js';
import type { DataPaths } from './data-paths.js';

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/**
 * Removes what a provider killed mid-write leaves in its data directory: the temp files of atomic
 * writes (`.1a2b3c4d5e6f.tmp`, or `state.json.1a2b3c4d.tmp` from an older version: state, secrets,
 * credentials) and the watchdogs' lock files in `run/`
 * (their pid files are stopOrphans' business). Called at start, once the directory is locked, so
 * nothing removed here can belong to a running writer. Returns the paths removed.
 */
export async function removeLeftovers(paths: DataPaths): Promise<string[]> {
  const candidates: string[] = [];
  const add = async (dir: string, match: (name: string) => boolean): Promise<void> => {
    for (const name of await entries(dir)) if (match(name)) candidates.push(join(dir, name));
  };
  await add(paths.root, isTempFile);
  for (const namespace of await entries(paths.secretsRoot))
    await add(paths.secretsDir(namespace), isTempFile);
  for (const namespace of await entries(paths.functionsRoot)) {
    for (const name of await entries(join(paths.functionsRoot, namespace)))
      await add(paths.functionSecretsDir(name, namespace), isTempFile);
  }
  await add(paths.runDir, (name) => name.endsWith('.lock'));
  for (const path of candidates) await rm(path, { force: true });
  return candidates;
}
