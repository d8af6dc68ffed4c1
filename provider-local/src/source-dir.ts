import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { FaasError } from '@faas/contracts';
import type { FunctionDeployment } from '@faas/contracts';

/**
 * The annotation a source deploy carries (cli/README.md, "Source deploys on the local
 * provider"): the absolute path of a folder every replica's watchdog runs in.
 */
export const SOURCE_ANNOTATION = 'com.faas.local.source';

/** The deployment's source folder, as written in its annotation; undefined without one. */
export function sourceDir(deployment: FunctionDeployment): string | undefined {
  return deployment.annotations?.[SOURCE_ANNOTATION];
}

/** Whether `path` is a directory right now (following symlinks). */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Refuses (400, naming the annotation) a source folder that is not an absolute path to an existing
 * directory. Only checked when a deployment arrives: after a provider restart a folder that went
 * missing makes the replicas fail visibly instead (replica.ts).
 */
export async function checkSourceDir(deployment: FunctionDeployment): Promise<void> {
  const dir = sourceDir(deployment);
  if (dir === undefined) return;
  const problem = !isAbsolute(dir)
    ? 'must be an absolute path'
    : !(await isDirectory(dir))
      ? 'is not an existing directory'
      : undefined;
  if (problem) {
    throw new FaasError(
      'INVALID_REQUEST',
      `invalid function deployment: annotations.${SOURCE_ANNOTATION}: ${JSON.stringify(dir)} ${problem}`,
    );
  }
}
