import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The credentials Docker's push API takes in `X-Registry-Auth`. */
export interface RegistryAuth {
  /** Registry user. */
  username?: string;
  /** Registry password or token. */
  password?: string;
  /** The registry, as `docker login` saved it. */
  serveraddress?: string;
}

/** The registry host of an image name, or Docker Hub's index for names without one. */
export function registryHost(image: string): string | undefined {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : undefined;
}

/**
 * The credentials `docker login` saved for an image's registry (`$DOCKER_CONFIG/config.json` or
 * `~/.docker/config.json`, `auths.<registry>.auth`); an empty auth when there are none, which
 * Docker accepts for registries that need no login.
 */
export function registryAuthFor(
  image: string,
  env: Readonly<Record<string, string | undefined>>,
): RegistryAuth {
  const host = registryHost(image);
  const keys = host
    ? [host, `https://${host}`, `http://${host}`]
    : ['https://index.docker.io/v1/', 'docker.io', 'index.docker.io'];
  try {
    const file = join(env.DOCKER_CONFIG ?? join(env.HOME || homedir(), '.docker'), 'config.json');
    const auths =
      (JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, { auth?: string }> }).auths ?? {};
    for (const key of keys) {
      const auth = auths[key]?.auth;
      if (!auth) continue;
      const decoded = Buffer.from(auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: key };
    }
  } catch {
    // No Docker config: push without credentials.
  }
  return {};
}
