import { readFileSync } from 'node:fs';
import type { VersionInfo } from '@faas/contracts';

/** Set by the bundler (build.mjs) for the container image, where package.json is not shipped. */
declare const FAAS_GATEWAY_RELEASE: string | undefined;

function release(): string {
  if (typeof FAAS_GATEWAY_RELEASE === 'string') return FAAS_GATEWAY_RELEASE;
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/**
 * The gateway's version: the package version, and the commit from `GIT_SHA` / `GIT_COMMIT_MESSAGE`
 * when a build sets them (`dev` otherwise).
 */
export function gatewayVersion(env: Record<string, string | undefined> = process.env): VersionInfo {
  const sha = env.GIT_SHA?.trim() || 'dev';
  const message = env.GIT_COMMIT_MESSAGE?.trim();
  return { release: release(), sha, ...(message ? { commit_message: message } : {}) };
}
