// A function that was just deployed reads "Starting", not a red "Not ready"; one whose replicas fail
// reads "Not ready" at once with the provider's reason; one that never comes up turns "Not ready"
// once the start grace (60 s) has passed, and its page shows the last lines its replicas wrote. Real Chromium against `npm start`; the page's clock is
// Playwright's, moved forward past the grace instead of waiting a minute.
import type { Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { callApi, deployFunction, startUiSession } from './ui-harness.js';
import type { UiPlatform, UiSession } from './ui-harness.js';

describeWith([components.chromium], 'the web UI while a function starts, and when it does not', () => {
  let ui: UiSession;
  let platform: UiPlatform;
  let page: Page;
  // http mode with a process that runs but never listens on upstream_url: the watchdog waits for
  // it, nothing fails, and no replica is ever ready.
  const slow = `ui-slow-${Date.now().toString(36)}`;
  // http mode with a process that exits at once: the watchdog exits with it, the provider restarts
  // the replica with back-off and says so in the function's status (notReadyReason).
  const broken = `ui-never-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ui = await startUiSession();
    ({ platform, page } = ui);
    await page.clock.install();
  }, 300_000);

  afterAll(() => ui?.close(slow, broken));

  const listBadge = (name: string) => page.locator(`tr[data-function="${name}"] .badge`);

  it('shows a just-deployed function as Starting, in the list and on its page', async () => {
    await deployFunction(platform, {
      service: slow,
      image: 'faas/slow',
      envProcess: 'sleep 600',
      envVars: { mode: 'http', upstream_url: 'http://127.0.0.1:9' },
    });
    await page.goto('/ui/#/');
    await listBadge(slow).waitFor();
    expect(await listBadge(slow).textContent()).toBe('0/1 · Starting');
    expect(await listBadge(slow).getAttribute('class')).toBe('badge badge-starting');
    expect(await listBadge(slow).getAttribute('title')).toMatch(
      /no replica is ready yet; it counts as starting for 60 s/,
    );

    await page.getByRole('link', { name: slow }).click();
    await page.locator('.head-badge .badge-starting').waitFor();
    expect(await page.locator('.head-badge').textContent()).toBe('0/1 · Starting');
    expect(await page.getByRole('heading', { name: 'Why it is not ready' }).isHidden()).toBe(true);
  });

  it("shows a function whose replicas fail as Not ready at once, with the provider's reason", async () => {
    await deployFunction(platform, {
      service: broken,
      image: 'faas/never',
      envProcess: 'false',
      envVars: { mode: 'http', upstream_url: 'http://127.0.0.1:9' },
    });
    await page.goto(`/ui/#/functions/openfaas-fn/${broken}`);
    // Well inside the 60 s grace: not "Starting", because the provider said a replica failed.
    await page.locator('.head-badge .badge-not-ready').waitFor({ timeout: 15_000 });
    expect(await page.locator('.head-badge').textContent()).toBe('0/1 · Not ready');
    const why = page.getByRole('region', { name: 'Why it is not ready' });
    await why.waitFor();
    expect(await why.locator('.provider-reason').textContent()).toMatch(
      /^replica exited unexpectedly \(exit code \d+\); restarting in /,
    );
    // The provider's restart note is among the function's last log lines too.
    await why
      .locator('li', { hasText: /restarting in/ })
      .first()
      .waitFor({ timeout: 15_000 });

    await page.getByRole('link', { name: 'Functions', exact: true }).first().click();
    await page.locator(`tr[data-function="${broken}"] .badge-not-ready`).waitFor();
    expect(await listBadge(broken).getAttribute('title')).toMatch(/replica exited unexpectedly/);
  });

  it('turns a function that never gets ready Not ready after the grace, and points to its logs', async () => {
    await page.clock.fastForward(61_000);
    await page.locator(`tr[data-function="${slow}"] .badge-not-ready`).waitFor({ timeout: 15_000 });
    expect(await listBadge(slow).textContent()).toBe('0/1 · Not ready');
    expect(await listBadge(slow).getAttribute('title')).toMatch(
      /no replica became ready within 60 s; its logs may say why/,
    );
    await page.getByRole('link', { name: slow }).click();
    await page.locator('.head-badge .badge-not-ready').waitFor({ timeout: 15_000 });
    const why = page.getByRole('region', { name: 'Why it is not ready' });
    await why.waitFor();
    expect(await why.textContent()).toContain('No replica became ready within 60 s');
  });

  it('counts a scale-up from zero as a new start', async () => {
    const scale = (replicas: number) =>
      callApi(platform, `/system/scale-function/${slow}`, {
        method: 'POST',
        json: { serviceName: slow, replicas },
      });
    await page.getByRole('link', { name: 'Functions', exact: true }).first().click();
    expect((await scale(0)).status).toBe(202);
    await page.locator(`tr[data-function="${slow}"] .badge-scaled-to-zero`).waitFor({ timeout: 15_000 });
    expect((await scale(1)).status).toBe(202);
    await page.locator(`tr[data-function="${slow}"] .badge-starting`).waitFor({ timeout: 15_000 });
    expect(await listBadge(slow).textContent()).toBe('0/1 · Starting');
  });
});
