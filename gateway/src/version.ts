import { readFileSync } from 'node:fs';
import type { VersionInfo } from '@faas/contracts';

/**
 * The gateway's version: the package version, and the commit from `GIT_SHA` / `GIT_COMMIT_MESSAGE`
 * when a build sets them (`dev` otherwise).
 */
export function gatewayVersion(env: Record<string, string | undefined> = process.env): VersionInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const sha = env.GIT_SHA?.trim() || 'dev';
  const message = env.GIT_COMMIT_MESSAGE?.trim();
  return { release: pkg.version, sha, ...(message ? { commit_message: message } : {}) };
}
