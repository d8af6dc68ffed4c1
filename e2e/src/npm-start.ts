// The platform as the README starts it, for suites that drive it from outside: `npm start` in its
// own process group, on free ports, with fresh state and known credentials, until its banner.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A running `npm start`. */
export interface NpmPlatform {
  /** The gateway's base URL. */
  url: string;
  /** The embedded local provider's base URL (same credentials as the gateway). */
  providerUrl: string;
  /** Basic-auth user and password. */
  user: string;
  password: string;
  /** What the platform printed so far. */
  output(): string;
  /** SIGTERM to the whole process group, then removes its state. */
  stop(): Promise<void>;
  /**
   * Sends a signal to the whole platform (gateway, provider, replicas): SIGSTOP makes a gateway
   * that is there but never answers, SIGCONT brings it back.
   */
  signal(signal: 'SIGSTOP' | 'SIGCONT'): void;
}

/** Starts `npm start` with `extraEnv` on top of its ports, credentials and state directory. */
export async function startNpmPlatform(extraEnv: Record<string, string> = {}): Promise<NpmPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'faas-e2e-'));
  const secrets = join(dir, 'secrets');
  mkdirSync(secrets);
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(secrets, 'basic-auth-user'), 'admin\n');
  writeFileSync(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
  const [port, providerPort] = [await freePort(), await freePort()];
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...extraEnv,
      port: String(port),
      provider_port: String(providerPort),
      secret_mount_path: secrets,
      faas_state_dir: join(dir, 'state'),
    },
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
        process.kill(-child.pid, 'SIGCONT'); // a platform a test left stopped must still see the SIGTERM
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      }
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await until(
      'the "faas is running" banner of npm start',
      () => {
        if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
        return output.includes('faas is running') ? true : undefined;
      },
      240_000,
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    providerUrl: `http://127.0.0.1:${providerPort}`,
    user: 'admin',
    password,
    output: () => output,
    stop,
    signal: (sig) => process.kill(-child.pid!, sig),
  };
}
