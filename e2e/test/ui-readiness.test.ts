// A function that was just deployed reads "Starting", not a red "Not ready"; one that never comes
// up turns "Not ready" once the start grace (60 s) has passed, and its page says why with the last
// lines its replicas and the provider wrote. Real Chromium against `npm start`; the page's clock is
// Playwright's, moved forward past the grace instead of waiting a minute.
import type { Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { callApi, deployFunction, startUiSession } from './ui-harness.js';
import type { UiPlatform, UiSession } from './ui-harness.js';

describeWith([components.chromium], 'the web UI while a function starts, and when it does not', () => {
  let ui: UiSession;
  let platform: UiPlatform;
  let page: Page;
  // http mode with a process that exits at once: the watchdog exits with it, the provider restarts
  // the replica with back-off, and no replica is ever ready.
  const name = `ui-never-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ui = await startUiSession();
    ({ platform, page } = ui);
    await page.clock.install();
  }, 300_000);

  afterAll(() => ui?.close(name));

  it('shows a just-deployed function as Starting, in the list and on its page', async () => {
    await deployFunction(platform, {
      service: name,
      image: 'faas/never',
      envProcess: 'false',
      envVars: { mode: 'http', upstream_url: 'http://127.0.0.1:9' },
    });
    await page.goto('/ui/#/');
    const badge = page.locator(`tr[data-function="${name}"] .badge`);
    await badge.waitFor();
    expect(await badge.textContent()).toBe('0/1 · Starting');
    expect(await badge.getAttribute('class')).toBe('badge badge-starting');
    expect(await badge.getAttribute('title')).toMatch(
      /no replica is ready yet; it counts as starting for 60 s/,
    );

    await page.getByRole('link', { name }).click();
    await page.locator('.head-badge .badge-starting').waitFor();
    expect(await page.locator('.head-badge').textContent()).toBe('0/1 · Starting');
    expect(await page.getByRole('heading', { name: 'Why it is not ready' }).isHidden()).toBe(true);
  });

  it('turns Not ready after the grace, and says why from its logs', async () => {
    await page.clock.fastForward(61_000);
    await page.locator('.head-badge .badge-not-ready').waitFor({ timeout: 15_000 });
    expect(await page.locator('.head-badge').textContent()).toBe('0/1 · Not ready');
    const why = page.getByRole('region', { name: 'Why it is not ready' });
    await why.waitFor();
    expect(await why.textContent()).toContain('No replica became ready within 60 s');
    // The provider's restart note and the watchdog's own last words are among the lines.
    await why
      .locator('li', { hasText: /restarting in/ })
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await why.textContent()).toMatch(/exit/);

    await page.getByRole('link', { name: 'Functions', exact: true }).first().click();
    const badge = page.locator(`tr[data-function="${name}"] .badge`);
    await page.locator(`tr[data-function="${name}"] .badge-not-ready`).waitFor();
    expect(await badge.textContent()).toBe('0/1 · Not ready');
    expect(await badge.getAttribute('title')).toMatch(
      /no replica became ready within 60 s; its logs may say why/,
    );
  });

  it('counts a scale-up from zero as a new start', async () => {
    const scale = (replicas: number) =>
      callApi(platform, `/system/scale-function/${name}`, {
        method: 'POST',
        json: { serviceName: name, replicas },
      });
    expect((await scale(0)).status).toBe(202);
    const badge = page.locator(`tr[data-function="${name}"] .badge`);
    await page.locator(`tr[data-function="${name}"] .badge-scaled-to-zero`).waitFor({ timeout: 15_000 });
    expect((await scale(1)).status).toBe(202);
    await page.locator(`tr[data-function="${name}"] .badge-starting`).waitFor({ timeout: 15_000 });
    expect(await badge.textContent()).toBe('0/1 · Starting');
  });
});
