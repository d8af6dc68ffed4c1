// Helpers of the `faas` CLI end-to-end suites: run the built bin as a user would, start the
// platform (`node platform/dist/src/main.js`, what `npm start` runs after building).
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';
import { runCommand } from './openfaas-support.js';
import type { RunResult } from './openfaas-support.js';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** python3, which the python3 template needs on the host for the local provider. */
export const python3 = {
  name: 'python3',
  hint: 'apt-get install -y python3',
  available: () => spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0,
};

/** What one `faas` run printed and returned. */
export type FaasResult = RunResult;

/** Runs `node cli/bin/faas.js ARGS` in `cwd` with `env` over the test's environment. */
export function faas(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  stdin = '',
): Promise<FaasResult> {
  return runCommand(process.execPath, [`${repoRoot}cli/bin/faas.js`, ...args], { cwd, env, stdin });
}

/** A running platform process. */
export interface RunningPlatform {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts gateway + local provider on free ports with the given credentials folder, state dir and settings. */
export async function startLocalPlatform(
  secrets: string,
  stateDir: string,
  env: Record<string, string> = {},
): Promise<RunningPlatform> {
  const [port, providerPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [`${repoRoot}platform/dist/src/main.js`], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...env,
      port: String(port),
      provider_port: String(providerPort),
      secret_mount_path: secrets,
      faas_state_dir: stateDir,
    },
    detached: true,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await until(
    'the platform to start',
    () => {
      if (child.exitCode === null && !out.includes('faas is running'))
        throw new Error(`output so far:\n${out}`);
      return true;
    },
    60_000,
  );
  if (!out.includes('faas is running')) throw new Error(`the platform exited early:\n${out}`);
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/**
 * Builds `faas/offline-python:e2e`: the offline base plus this host's Debian python3 (binary,
 * standard library, the libraries `ldd` lists), so the python3 template builds without a registry.
 * Idempotent: an existing image is kept.
 */
export function buildOfflinePythonBase(image = 'faas/offline-python:e2e'): void {
  if (spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status === 0) return;
  const script = `set -eu
py="$(readlink -f /usr/bin/python3)"; ver="$(basename "$py")"
ctx="$(mktemp -d)"; trap 'rm -rf "$ctx"' EXIT
root="$ctx/rootfs"; mkdir -p "$root/usr/bin" "$root/usr/lib"
cp "$py" "$root/usr/bin/$ver"; ln -s "$ver" "$root/usr/bin/python3"
cp -a "/usr/lib/$ver" "$root/usr/lib/"; rm -rf "$root/usr/lib/$ver/test" "$root/usr/lib/$ver/site-packages"
ldd "$py" | awk '/=> \\// { print $3 } /^[[:space:]]*\\// { print $1 }' | while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; done
printf 'FROM faas/offline-base:latest\\nCOPY rootfs/ /\\n' > "$ctx/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t "${image}" "$ctx" >/dev/null`;
  const built = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`building ${image} failed:\n${built.stdout}${built.stderr}`);
}
