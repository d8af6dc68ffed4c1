// What the image suites (watchdog-image, template-images) share: commands run from the repository
// root, and a function container started as the platform starts one.
import { execFileSync } from 'node:child_process';
import { until } from '@faas/service-kit/testing';
import { repoRoot } from './cli-support.js';

/** Runs `command args` in the repository root with `env` over the test's; its stdout. */
export function run(command: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(command, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Builds the watchdog image offline as `image`, idempotently: the executable, the scratch-built
 * faas/offline-base, then `docker build` FROM it.
 */
export function buildWatchdogImage(image: string): void {
  run(process.execPath, ['watchdog/build.mjs', '--executable']);
  run('sh', ['deploy/images/offline-base.sh']);
  run('docker', ['build', '-q', '--build-arg', 'BASE=faas/offline-base:latest', '-t', image, 'watchdog/'], {
    DOCKER_BUILDKIT: '0',
  });
}

/**
 * Runs `image` with `env` (`NAME=value`) under an init, as the platform runs functions, records its
 * id in `containers` (for the suite to remove), and waits until its watchdog's health answers 200.
 */
export async function startContainer(
  image: string,
  env: string[],
  containers: string[],
): Promise<{ id: string; url: string }> {
  const id = run('docker', ['run', '-d', '--init', ...env.flatMap((e) => ['-e', e]), image]).trim();
  containers.push(id);
  const ip = run('docker', [
    'inspect',
    '-f',
    '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}',
    id,
  ]).trim();
  const url = `http://${ip}:8080`;
  await until(
    `${url}/_/health to answer 200`,
    async () => ((await fetch(`${url}/_/health`)).status === 200 ? true : undefined),
    15_000,
  );
  return { id, url };
}
