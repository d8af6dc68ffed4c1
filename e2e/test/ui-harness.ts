// What the UI's browser suites share: the platform started as the README says (`npm start`), and
// real headless Chromium (Debian's, driven by playwright-core; Playwright gives each launch a
// fresh profile). Set faas_e2e_gateway_url (+ faas_e2e_user, faas_e2e_password) to drive a
// platform that is already running instead, e.g. a Swarm or Kubernetes deployment.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { freePort, until } from '@faas/service-kit/testing';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The Chromium flags ENVIRONMENT.md asks for (Playwright adds --headless and a fresh --user-data-dir). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A platform the browser talks to. */
export interface UiPlatform {
  /** The gateway's base URL. */
  url: string;
  /** Basic-auth user and password. */
  user: string;
  password: string;
  /** True when this suite started it (so it starts empty). */
  own: boolean;
  /** Stops it (when this suite started it) and removes its state. */
  stop(): Promise<void>;
  /**
   * Sends a signal to the whole platform (gateway, provider, replicas): SIGSTOP makes a gateway
   * that is there but never answers, SIGCONT brings it back. Only for a platform this suite started.
   */
  signal?(signal: 'SIGSTOP' | 'SIGCONT'): void;
}

/** `npm start` in its own process group with fresh state, known credentials and `extraEnv`, until its banner. */
export async function startUiPlatform(extraEnv: Record<string, string> = {}): Promise<UiPlatform> {
  const external = process.env.faas_e2e_gateway_url;
  if (external) {
    return {
      url: external.replace(/\/$/, ''),
      user: process.env.faas_e2e_user ?? 'admin',
      password: process.env.faas_e2e_password ?? '',
      own: false,
      stop: async () => undefined,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'faas-ui-e2e-'));
  const secrets = join(dir, 'secrets');
  mkdirSync(secrets);
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(secrets, 'basic-auth-user'), 'admin\n');
  writeFileSync(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
  const [port, providerPort] = [await freePort(), await freePort()];
  const env = {
    ...extraEnv,
    port: String(port),
    provider_port: String(providerPort),
    secret_mount_path: secrets,
    faas_state_dir: join(dir, 'state'),
  };
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
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
  const signal = (sig: 'SIGSTOP' | 'SIGCONT') => process.kill(-child.pid!, sig);
  return { url: `http://127.0.0.1:${port}`, user: 'admin', password, own: true, stop, signal };
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
}

/** A browser context that logs in with the platform's credentials (the answer to the Basic challenge). */
export function loggedIn(
  browser: Browser,
  platform: UiPlatform,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({
    httpCredentials: { username: platform.user, password: platform.password },
    viewport,
    baseURL: platform.url,
  });
}

/** `Authorization` for direct API calls from the test. */
export function basicAuth(platform: UiPlatform): string {
  return `Basic ${Buffer.from(`${platform.user}:${platform.password}`).toString('base64')}`;
}

/** Fails at once, saying why, when the gateway does not serve the UI (instead of 30 s timeouts per test). */
export async function requireUi(platform: UiPlatform): Promise<void> {
  const res = await fetch(`${platform.url}/ui/`, { headers: { authorization: basicAuth(platform) } });
  if (res.status !== 200) {
    await platform.stop();
    throw new Error(
      `GET /ui/ answered ${res.status} (${(await res.text()).trim()}): the gateway must mount @faas/ui's createUiModule() (ui/README.md, "Mounting")`,
    );
  }
}
