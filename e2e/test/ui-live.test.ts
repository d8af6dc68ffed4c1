// When the gateway stops answering, the UI stops presenting what it last read as live: the list's
// and the function page's badges turn grey "last known", a banner (a live region) says since when,
// the logs panel stops claiming to follow; all of it recovers when the gateway answers again.
// The platform is frozen for real (SIGSTOP to npm start's process group: a gateway that is there
// but never answers, the harder case for a browser) and thawed with SIGCONT.
import type { Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { deployFunction, startUiSession } from './ui-harness.js';
import type { UiPlatform, UiSession } from './ui-harness.js';

describeWith([components.chromium], 'the web UI when the gateway stops answering', () => {
  let ui: UiSession;
  let platform: UiPlatform;
  let page: Page;
  const name = `ui-live-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ui = await startUiSession();
    ({ platform, page } = ui);
    if (!platform.signal)
      throw new Error('this suite freezes the platform it starts: unset faas_e2e_gateway_url to run it');
    await deployFunction(platform, { service: name, image: 'faas/cat', envProcess: 'cat' });
  }, 300_000);

  afterAll(async () => {
    platform?.signal?.('SIGCONT');
    await ui?.close(name);
  });

  const banner = () => page.locator('#connection');
  /** Freezes the platform, runs `check`, and always thaws it again. */
  const frozen = async (check: () => Promise<void>) => {
    platform.signal!('SIGSTOP');
    try {
      await check();
    } finally {
      platform.signal!('SIGCONT');
    }
  };

  it('greys the list out as "last known", says so, and recovers', async () => {
    await page.goto(`/ui/#/`);
    const badge = page.locator(`tr[data-function="${name}"] .badge`);
    await page.locator(`tr[data-function="${name}"] .badge-ready`).waitFor({ timeout: 30_000 });

    await frozen(async () => {
      // A poll in flight gives up after 10 s; the next one finds nobody.
      await banner().filter({ hasText: 'The gateway is not answering' }).waitFor({ timeout: 25_000 });
      expect(await banner().getAttribute('role')).toBe('status');
      expect(await banner().getAttribute('aria-live')).toBe('assertive');
      expect(await banner().textContent()).toMatch(
        /since \d\d:\d\d:\d\d\): this page shows what was last known/,
      );
      await page.locator(`tr[data-function="${name}"] .badge-stale`).waitFor();
      expect(await badge.textContent()).toBe('1/1 · Ready · last known');
      expect(await page.locator('.badge-ready').count()).toBe(0);
      expect(await page.locator('.refresh-status').textContent()).toMatch(
        /^Not current: last read at \d\d:\d\d:\d\d\. .*Retrying every 2 s\.$/,
      );
      expect(await page.locator('table.functions caption').textContent()).toMatch(/last known .*not current/);
    });

    await page.locator(`tr[data-function="${name}"] .badge-ready`).waitFor({ timeout: 20_000 });
    expect(await badge.textContent()).toBe('1/1 · Ready');
    expect(await banner().textContent()).toBe('The gateway answers again; this page is current.');
    expect(await page.locator('.refresh-status').textContent()).toBe('');
    expect(await page.locator('table.functions caption').textContent()).toMatch(/refreshes every 2 seconds/);
  }, 90_000);

  it('stops claiming to follow the logs, and follows again when the gateway is back', async () => {
    await page.goto('about:blank');
    await page.goto(`/ui/#/functions/openfaas-fn/${name}`);
    const logsStatus = page.locator('.logs-status');
    await logsStatus.filter({ hasText: /^Following: new lines appear/ }).waitFor();
    await page.locator('.head-badge .badge-ready').waitFor({ timeout: 30_000 });

    await frozen(async () => {
      await logsStatus.filter({ hasText: /^Not following: the gateway is not answering/ }).waitFor({
        timeout: 25_000,
      });
      expect(await logsStatus.textContent()).toMatch(/lines written since are not shown/);
      await page.locator('.head-badge .badge-stale').waitFor();
      expect(await page.locator('.replica-summary').textContent()).toMatch(
        /^Last known at \d\d:\d\d:\d\d: 1 desired, 1 available 1\/1 · Ready · last known$/,
      );
      expect(await page.locator('.badge-ready').count()).toBe(0);
    });

    await logsStatus.filter({ hasText: /^Following: new lines appear/ }).waitFor({ timeout: 20_000 });
    await page.locator('.head-badge .badge-ready').waitFor({ timeout: 20_000 });
    expect(await page.locator('.replica-summary').textContent()).toBe('1 desired, 1 available 1/1 · Ready');
    // Following for real: a new invocation's line arrives.
    const before = await page.locator('ol.logs li').count();
    await fetch(`${platform.url}/function/${name}`, { method: 'POST', body: 'after the thaw' });
    await until('the new line', async () =>
      (await page.locator('ol.logs li').count()) > before ? true : undefined,
    );
  }, 90_000);
});
