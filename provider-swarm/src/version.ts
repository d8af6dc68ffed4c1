import { readFileSync } from 'node:fs';
import type { VersionInfo } from '@faas/contracts';

/**
 * The provider's version: the package version, and the commit from `GIT_SHA` /
 * `GIT_COMMIT_MESSAGE` when the image build sets them (`dev` otherwise).
 */
export function providerVersion(env: Record<string, string | undefined>): VersionInfo {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const message = env.GIT_COMMIT_MESSAGE?.trim();
  return {
    release: pkg.version,
    sha: env.GIT_SHA?.trim() || 'dev',
    ...(message ? { commit_message: message } : {}),
  };
}
