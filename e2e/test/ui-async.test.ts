// The async calls page in real Chromium against `npm start` (embedded queue and worker): a call
// queued from the invoke panel shows with its call id, ends in the dead letters when the function
// keeps failing, and is re-driven from there; discard and "re-drive all" ask first; the counts come
// from /metrics; the page fits 1280 and 390 px and names every control.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import {
  callApi,
  deployFunction,
  pageWidth,
  startUiSession,
  unnamedControls,
  untilReady,
} from './ui-harness.js';
import type { UiPlatform, UiSession } from './ui-harness.js';

describeWith([components.chromium], 'the async calls page in Chromium', () => {
  let ui: UiSession;
  let platform: UiPlatform;
  let page: Page;
  const name = `ui-async-${Date.now().toString(36)}`;
  // The function succeeds only while this file exists: `test -f` exits 1 (a 500) otherwise.
  const dir = mkdtempSync(join(tmpdir(), 'faas-ui-async-'));
  const flag = join(dir, 'ok');

  beforeAll(async () => {
    ui = await startUiSession();
    ({ platform, page } = ui);
    await deployFunction(platform, {
      service: name,
      image: 'faas/test',
      envProcess: `test -f ${flag}`,
      // One attempt, and a 500 counts as worth retrying: the first failure is a dead letter.
      annotations: { 'com.openfaas.retry.attempts': '1', 'com.openfaas.retry.codes': '500' },
    });
  }, 300_000);

  afterAll(async () => {
    await ui?.close(name);
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (path: string) => callApi(platform, path);
  const letters = async () =>
    (await (await api('/system/async/dead-letters')).json()) as {
      id: string;
      message: { request: { callId: string } };
    }[];
  const letterRows = () => page.locator('table.dead-letters tbody tr');
  /** A function's cell of the counts table, '' while it is not there. */
  const countCell = async (column: string) => {
    const cell = page
      .locator('table.async-counts tr', { hasText: `${name}.openfaas-fn` })
      .locator(`td[data-label="${column}"]`);
    return (await cell.count()) > 0 ? await cell.textContent() : '';
  };

  let callId = '';

  it('lists a call queued from the invoke panel, and says when it ended in the dead letters', async () => {
    await untilReady(platform, name);
    await page.goto(`/ui/#/functions/openfaas-fn/${name}/invoke`);
    await page.getByRole('radio', { name: 'Queue it (async)' }).check();
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.locator('.result .call-id').waitFor();
    callId = (await page.locator('.result .call-id').textContent()) ?? '';
    expect(callId).toMatch(/\S{8,}/);

    await page.getByRole('link', { name: 'See the async calls' }).click();
    await page.getByRole('heading', { level: 1, name: 'Async calls' }).waitFor();
    expect(await page.getByRole('link', { name: 'Async calls' }).getAttribute('aria-current')).toBe('page');
    const mine = page.locator(`table.recent-calls tr[data-call="${callId}"]`);
    await mine.waitFor();
    expect(await mine.textContent()).toContain(name);

    await mine
      .locator('.badge', { hasText: 'Dead letter: function answered 500' })
      .waitFor({ timeout: 20_000 });
    await expect1Row();
    const row = letterRows().first();
    expect(await row.locator('th').textContent()).toBe(name);
    expect(await row.textContent()).toContain('function answered 500');
    expect(await row.textContent()).toContain(callId);
    await row.locator('summary').click();
    expect(await row.locator('.letter-request').textContent()).toMatch(/RequestPOST \//);
    expect(await page.locator('.letter-count').textContent()).toBe('1 call ran out of attempts.');

    // The counts from /metrics: the embedded worker reports into the gateway's registry.
    await until('the counts', async () => ((await countCell('Dead letters')) === '1' ? true : undefined));
    expect(await countCell('Queued')).toBe('1');
    expect(await countCell('Failed')).toBe('1');
  });

  async function expect1Row() {
    await until('one dead letter row', async () => ((await letterRows().count()) === 1 ? true : undefined));
  }

  it('re-drives a dead letter: it runs again, and this time succeeds', async () => {
    writeFileSync(flag, 'yes');
    await page.getByRole('button', { name: `Re-drive ${name} call ${callId}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Re-drove ${name} (call ${callId})` })
      .waitFor();
    await until('the dead letter to go', async () => ((await letterRows().count()) === 0 ? true : undefined));
    expect(await letters()).toEqual([]);
    await page.locator('.letter-count', { hasText: 'No dead letters' }).waitFor();
    await page
      .locator(`table.recent-calls tr[data-call="${callId}"]`, {
        hasText: 'Accepted; not among the dead letters',
      })
      .waitFor();
    await until('the run to be counted', async () => ((await countCell('Done')) === '1' ? true : undefined));
  });

  it('asks before discarding one, and before re-driving all', async () => {
    rmSync(flag, { force: true });
    for (let i = 0; i < 3; i++)
      expect(
        (await fetch(`${platform.url}/async-function/${name}`, { method: 'POST', body: `call ${i}` })).status,
      ).toBe(202);
    await until(
      'three dead letters',
      async () => ((await letterRows().count()) === 3 ? true : undefined),
      30_000,
    );

    const first = letterRows().first();
    const firstId = await first.getAttribute('data-letter');
    await first.getByRole('button', { name: /^Discard / }).click();
    const dialog = page.getByRole('dialog', { name: `Discard the dead letter of ${name}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await letterRows().count()).toBe(3);
    await first.getByRole('button', { name: /^Discard / }).click();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await until('the discarded letter to go', async () =>
      (await letterRows().count()) === 2 ? true : undefined,
    );
    expect((await letters()).map((l) => l.id)).not.toContain(firstId);

    writeFileSync(flag, 'yes');
    await page.getByRole('button', { name: 'Re-drive all' }).click();
    await page
      .getByRole('dialog', { name: 'Re-drive all 2 dead letters?' })
      .getByRole('button', { name: 'Re-drive all' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Re-drove 2 dead letters.' }).waitFor();
    await until('no dead letters', async () => ((await letterRows().count()) === 0 ? true : undefined));
    expect(await letters()).toEqual([]);
  });

  it.each([
    [1280, 900],
    [390, 844],
  ])('fits %i px wide, with a dead letter shown, and names every control', async (width, height) => {
    rmSync(flag, { force: true });
    expect(
      (await fetch(`${platform.url}/async-function/${name}`, { method: 'POST', body: 'x' })).status,
    ).toBe(202);
    await until('a dead letter', async () => ((await letters()).length > 0 ? true : undefined), 30_000);
    await page.setViewportSize({ width, height });
    await page.goto('about:blank');
    await page.goto('/ui/#/async');
    await letterRows().first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(width);
    expect(await unnamedControls(page)).toEqual([]);
  });
});
