// The UI at 360 px wide and from the keyboard alone: no page scrolls sideways, every control has a
// name a screen reader can say, focus lands on each new page's heading, and a function can be
// deployed and its delete dialog opened and dismissed without a mouse.
import type { Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { callApi, pageWidth, startUiSession, unnamedControls } from './ui-harness.js';
import type { UiPlatform, UiSession } from './ui-harness.js';

/** The little of the DOM the focus checks touch (the e2e project compiles without lib "dom"). */
interface DomElement {
  tagName: string;
  textContent: string | null;
  matches(selector: string): boolean;
}
declare const document: { activeElement: DomElement | null };

describeWith([components.chromium], 'the web UI on a 360 px screen and from the keyboard', () => {
  let ui: UiSession;
  let platform: UiPlatform;
  let page: Page;
  const name = `ui-kbd-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ui = await startUiSession({ viewport: { width: 360, height: 740 } });
    ({ platform, page } = ui);
  }, 300_000);

  afterAll(() => ui?.close(name));

  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`/ui/${hash}`);
    await page.locator('h1').waitFor();
  };
  /** Presses Tab until `matches` holds for the focused element (at most 60 times). */
  const tabTo = async (what: string, matches: string) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, matches)) return;
    }
    throw new Error(`Tab never reached ${what}`);
  };

  it('deploys a function with the keyboard alone', async () => {
    await open('#/deploy');
    await until('the namespaces', async () =>
      (await page.getByLabel('Namespace').locator('option').count()) > 0 ? true : undefined,
    );
    await tabTo('the skip link', '.skip-link');
    await tabTo('the Name field', '[data-field="service"] input');
    await page.keyboard.type(name);
    await page.keyboard.press('Tab');
    await page.keyboard.type('faas/cat');
    await tabTo('the fprocess field', '[data-field="envProcess"] input');
    await page.keyboard.type('cat');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/ui/#/functions/openfaas-fn/${name}`);
    await page.locator('.head-badge', { hasText: 'Ready' }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('opens the delete dialog from the keyboard, and Escape keeps the function', async () => {
    await tabTo('the Delete button', 'button.danger');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await callApi(platform, `/system/function/${name}`)).status).toBe(200);
  });

  it.each([
    ['the function list', '#/'],
    ['a function page', `#/functions/openfaas-fn/${name}`],
    ['the invoke panel', `#/functions/openfaas-fn/${name}/invoke`],
    ['the deploy form', '#/deploy'],
    ['deploy from JSON', '#/deploy/json'],
    ['the secrets page', '#/secrets'],
    ['the async calls page', '#/async'],
  ])('fits %s into 360 px and names every control', async (_what, hash) => {
    await open(hash);
    await page.waitForTimeout(300);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    expect(await unnamedControls(page)).toEqual([]);
  });

  it('moves focus to the new page’s heading when a link is followed', async () => {
    await open('#/');
    await page.getByRole('link', { name: 'Secrets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Secrets' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Secrets');
    expect(await page.getByRole('link', { name: 'Secrets' }).getAttribute('aria-current')).toBe('page');
  });
});
