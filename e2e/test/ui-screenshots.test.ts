// Screenshots of the UI for the README, taken in Chromium against a platform with a few functions
// under load. They are written to $faas_ui_screenshots (e.g. docs/screenshots, relative to the
// repository) when it is set, else to a temporary directory, so a normal test run changes no file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { basicAuth, launchChromium, loggedIn, requireUi, startUiPlatform } from './ui-harness.js';
import type { UiPlatform } from './ui-harness.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const FUNCTIONS = [
  { service: 'echo', image: 'faas/cat', envProcess: 'cat', labels: { 'com.openfaas.scale.max': '5' } },
  { service: 'sha512sum', image: 'faas/sha512sum', envProcess: 'sha512sum' },
  { service: 'wordcount', image: 'faas/wc', envProcess: 'wc -w', envVars: { LC_ALL: 'C' } },
];

describeWith([components.chromium], 'screenshots of the web UI', () => {
  let platform: UiPlatform;
  let browser: Browser;
  let page: Page;
  const wanted = process.env.faas_ui_screenshots;
  const dir = wanted ? resolve(repoRoot, wanted) : mkdtempSync(join(tmpdir(), 'faas-ui-shots-'));

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    platform = await startUiPlatform();
    await requireUi(platform);
    browser = await launchChromium();
    page = await (await loggedIn(browser, platform)).newPage();
  }, 300_000);

  afterAll(async () => {
    for (const { service } of FUNCTIONS)
      await api('/system/functions', 'DELETE', { functionName: service }).catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    if (!wanted) rmSync(dir, { recursive: true, force: true });
  });

  const api = (path: string, method: string, body: unknown) =>
    fetch(`${platform.url}${path}`, {
      method,
      headers: { authorization: basicAuth(platform), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const shoot = async (file: string, fullPage = false) => {
    await page.screenshot({ path: join(dir, file), fullPage, animations: 'disabled' });
    const png = readFileSync(join(dir, file));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
  };
  const invoke = (name: string, body: string) =>
    fetch(`${platform.url}/function/${name}`, { method: 'POST', body });

  it('a function page with its charts after varying load', async () => {
    for (const fn of FUNCTIONS)
      expect([202, 409]).toContain((await api('/system/functions', 'POST', fn)).status);
    expect(
      (await api('/system/scale-function/sha512sum', 'POST', { serviceName: 'sha512sum', replicas: 2 }))
        .status,
    ).toBe(202);
    await page.goto('/ui/#/functions/openfaas-fn/echo');
    await page.locator('.head-badge', { hasText: 'Ready' }).waitFor({ timeout: 30_000 });
    const started = Date.now();
    // About 1 to 9 calls a second, rising and falling, for a minute when the screenshots are kept
    // (15 s in a normal run, enough for the charts); a few are OPTIONS, which the
    // watchdog refuses with 405, so the failure line has something to show.
    while (Date.now() - started < (wanted ? 60_000 : 15_000)) {
      const t = (Date.now() - started) / 1000;
      const perSecond = 5 + 4 * Math.sin(t / 8);
      await Promise.all([
        invoke('echo', `tick ${t}`),
        Math.random() < 0.08 ? fetch(`${platform.url}/function/echo`, { method: 'OPTIONS' }) : null,
      ]);
      await new Promise((r) => setTimeout(r, 1000 / perSecond));
    }
    await until(
      'a chart with data',
      async () =>
        (
          (await page.getByRole('img', { name: /^Invocations per second/ }).getAttribute('aria-label')) ?? ''
        ).includes('all: now') || undefined,
    );
    await page.waitForTimeout(500);
    await shoot('ui-function.png', true);
  });

  it('the function list', async () => {
    for (const fn of FUNCTIONS)
      expect([202, 409]).toContain((await api('/system/functions', 'POST', fn)).status);
    expect(
      (await api('/system/scale-function/sha512sum', 'POST', { serviceName: 'sha512sum', replicas: 2 }))
        .status,
    ).toBe(202);
    for (let i = 0; i < 12; i++) await invoke(i % 3 === 0 ? 'wordcount' : 'sha512sum', `call ${i}`);
    await page.setViewportSize({ width: 1280, height: 480 });
    await page.goto('/ui/');
    await page
      .locator('tr[data-function="sha512sum"] .badge', { hasText: '2/2 · Ready' })
      .waitFor({ timeout: 30_000 });
    await shoot('ui-functions.png');
  });

  it('the invoke panel with a JSON answer', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/ui/#/functions/openfaas-fn/echo/invoke');
    await page.getByLabel('Path').fill('/orders');
    await page.getByLabel('Query').fill('verbose=1');
    await page.getByLabel('Headers').fill('X-Request-Source: faas-ui');
    await page.getByLabel('Content type').fill('application/json');
    await page
      .getByLabel('Body', { exact: true })
      .fill('{"order": 1042, "items": ["tea", "scones"], "paid": true}');
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.locator('.result pre.body-json').waitFor();
    await page.locator('.result details.headers summary').click();
    await page.evaluate('window.scrollTo(0, 0)');
    await shoot('ui-invoke.png', true);
  });

  it('the deploy form showing the API’s message next to a field', async () => {
    await page.goto('/ui/#/deploy');
    await page.getByLabel('Name *').fill('My_Function');
    await page.getByLabel('Image *').fill('faas/cat');
    await page.getByLabel('Process (fprocess)').fill('cat');
    await page.getByLabel('Memory limit').fill('128MB!');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.locator('[data-field="service"] .field-error').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await shoot('ui-deploy-errors.png');
  });

  it('the list on a 360 px phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/ui/');
    await page.locator('tr[data-function="echo"]').waitFor();
    await shoot('ui-phone.png');
  });
});
