/* global fetch, setTimeout */
// What the loopback benchmarks share: child processes they start and stop, free ports, waiting
// for a condition, and `npm start`'s platform with known credentials (bench/gateway, bench/websocket).
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@faas/service-kit';

/** A port free on 127.0.0.1 now, below the ephemeral range. */
export { freePort };

/** The repository root. */
export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const children = [];

/** Starts `command args` (Node by default) with `env` over this process's; `stopAll` stops it. */
export function start(args, env, command = process.execPath) {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

/**
 * Stops every process `start` started, last first. SIGTERM, so the platform stops its replicas
 * (SIGKILL would orphan them); SIGKILL after 5 s.
 */
export async function stopAll() {
  for (const c of children.reverse()) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    c.kill('SIGTERM');
    await Promise.race([new Promise((r) => c.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
}

/** Waits until `probe()` resolves truthy (a rejection counts as not yet); every `everyMs`, `tries` times. */
export async function until(what, probe, { everyMs = 50, tries = 600 } = {}) {
  for (let i = 0; i < tries; i++) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Starts the platform as `npm start` runs it (gateway + local provider, one process) with its
 * state and credentials under `work`, and waits for its gateway. Resolves to its URLs, the
 * Authorization header, its process, and `deploy(body)`, which POSTs a function and throws unless 202.
 */
export async function startPlatform(work) {
  const secrets = join(work, 'secrets');
  mkdirSync(secrets);
  writeFileSync(join(secrets, 'basic-auth-user'), 'admin');
  writeFileSync(join(secrets, 'basic-auth-password'), 'bench-password');
  const auth = { authorization: `Basic ${Buffer.from('admin:bench-password').toString('base64')}` };
  const [gatewayPort, providerPort] = [await freePort(), await freePort()];
  const child = start([join(repo, 'platform/dist/src/main.js')], {
    port: String(gatewayPort),
    provider_port: String(providerPort),
    secret_mount_path: secrets,
    faas_state_dir: join(work, 'state'),
    log_level: 'warn',
  });
  const gateway = `http://127.0.0.1:${gatewayPort}`;
  const provider = `http://127.0.0.1:${providerPort}`;
  await until('the gateway', async () => (await fetch(`${gateway}/healthz`)).ok);
  const deploy = async (body) => {
    const res = await fetch(`${gateway}/system/functions`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 202) throw new Error(`deploy failed: ${res.status} ${await res.text()}`);
  };
  return { gateway, gatewayPort, provider, secrets, auth, process: child, deploy };
}
