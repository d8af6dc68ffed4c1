// What the UI's browser suites share: the platform started as the README says (`npm start`), and
// real headless Chromium (Debian's, driven by playwright-core; Playwright gives each launch a
// fresh profile). Set faas_e2e_gateway_url (+ faas_e2e_user, faas_e2e_password) to drive a
// platform that is already running instead, e.g. a Swarm or Kubernetes deployment.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext } from 'playwright-core';
import { startNpmPlatform } from '@faas/e2e';

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

/** `npm start` (startNpmPlatform) with fresh state, known credentials and `extraEnv`, until its banner. */
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
  const { url, user, password, stop, signal } = await startNpmPlatform(extraEnv);
  return { url, user, password, own: true, stop, signal };
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
