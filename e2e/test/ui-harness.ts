// What the UI's browser suites share: the platform started as the README says (`npm start`), and
// real headless Chromium (Debian's, driven by playwright-core; Playwright gives each launch a
// fresh profile). Set faas_e2e_gateway_url (+ faas_e2e_user, faas_e2e_password) to drive a
// platform that is already running instead, e.g. a Swarm or Kubernetes deployment.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FunctionDeployment } from '@faas/contracts';
import { startNpmPlatform } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';

/** The Chromium flags this machine needs (no sandbox, no GPU) (Playwright adds --headless and a fresh --user-data-dir). */
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

/** The platform's API with its credentials; `json` is sent as the body. */
export function callApi(
  platform: UiPlatform,
  path: string,
  init: { method?: string; json?: unknown } = {},
): Promise<Response> {
  return fetch(`${platform.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: basicAuth(platform),
      ...(init.json === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.json === undefined ? null : JSON.stringify(init.json),
  });
}

/** Deploys a function through the API; throws unless the gateway answers 202. */
export async function deployFunction(platform: UiPlatform, deployment: FunctionDeployment): Promise<void> {
  const res = await callApi(platform, '/system/functions', { method: 'POST', json: deployment });
  if (res.status !== 202)
    throw new Error(`deploying ${deployment.service}: ${res.status} ${(await res.text()).trim()}`);
}

/** Deletes functions a suite deployed, ignoring any already gone (for afterAll). */
export async function removeFunctions(platform: UiPlatform | undefined, ...names: string[]): Promise<void> {
  if (!platform) return;
  for (const functionName of names)
    await callApi(platform, '/system/functions', { method: 'DELETE', json: { functionName } }).catch(
      () => undefined,
    );
}

/** The little of the DOM the in-page checks touch (the e2e project compiles without lib "dom"). */
interface DomElement {
  textContent: string | null;
  outerHTML: string;
  labels?: { length: number };
  closest(selector: string): DomElement | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): ArrayLike<DomElement> & Iterable<DomElement>;
};

/** How wide the page is: more than the viewport means it scrolls sideways. */
export function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Visible controls with no name a screen reader can say: no label, aria-label, nor text. */
export function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], summary')]
      .filter((el) => !el.closest('[hidden]'))
      .filter((el) => {
        const labelled =
          el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
        return !labelled && !(el.textContent ?? '').trim();
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
}

/** Waits until a function has a ready replica. */
export async function untilReady(platform: UiPlatform, name: string): Promise<void> {
  await until(`${name} to be ready`, async () => {
    const res = await callApi(platform, `/system/function/${encodeURIComponent(name)}`);
    return res.ok && ((await res.json()) as { availableReplicas: number }).availableReplicas > 0
      ? true
      : undefined;
  });
}

/** A platform serving the UI, and a logged-in Chromium page on it. */
export interface UiSession {
  platform: UiPlatform;
  browser: Browser;
  page: Page;
  /** Deletes `functions` (ignoring any already gone), closes the browser, stops the platform. */
  close(...functions: string[]): Promise<void>;
}

/** What most UI suites do first: the platform (`env` for `npm start`), the UI check, Chromium, a page. */
export async function startUiSession(
  options: { env?: Record<string, string>; viewport?: { width: number; height: number } } = {},
): Promise<UiSession> {
  const platform = await startUiPlatform(options.env);
  await requireUi(platform);
  const browser = await launchChromium();
  const close = async (...functions: string[]) => {
    await removeFunctions(platform, ...functions);
    await browser.close();
    await platform.stop();
  };
  try {
    const page = await (await loggedIn(browser, platform, options.viewport)).newPage();
    return { platform, browser, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
