// The web UI in real headless Chromium against the platform as the README starts it: log in,
// deploy `cat` from the form, see it become ready, invoke it, scale it to 2, read its logs, delete
// it; and the API's validation messages next to the right fields.
import { rules } from '@faas/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { basicAuth, launchChromium, loggedIn, requireUi, startUiPlatform } from './ui-harness.js';
import type { UiPlatform } from './ui-harness.js';

describeWith([components.chromium], 'the web UI in Chromium', () => {
  let platform: UiPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const name = `ui-echo-${Date.now().toString(36)}`;
  const problems: string[] = [];

  beforeAll(async () => {
    platform = await startUiPlatform();
    await requireUi(platform);
    browser = await launchChromium();
    context = await loggedIn(browser, platform);
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    // API errors the tests provoke (400, 409, 404) are logged by Chromium as failed loads; those are
    // expected. Script errors and any failed load of the UI's own files are not.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        problems.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/ui') && r.status() >= 400)
        problems.push(`${r.status()} ${r.url()}`);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${platform.url}${path}`, {
      ...init,
      headers: { authorization: basicAuth(platform), ...init.headers },
    });
  /** Loads the UI afresh at a page (a new document, so no form keeps its earlier input). */
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`/ui/${hash}`);
  };
  const field = (fieldName: string) => page.locator(`[data-field="${fieldName}"]`);
  const text = async (selector: string) =>
    ((await page.locator(selector).first().textContent()) ?? '').trim();

  it('asks for credentials: without them /ui/ is 401 with a Basic challenge, and nothing loads', async () => {
    const anonymous = await browser.newContext();
    const res = await anonymous.request.get(`${platform.url}/ui/`);
    expect(res.status()).toBe(401);
    expect(res.headers()['www-authenticate']).toBe('Basic realm="Restricted"');
    // Headless Chromium has no login dialog to show, so it gives up on the page.
    await expect((await anonymous.newPage()).goto(`${platform.url}/ui/`)).rejects.toThrow(
      /ERR_INVALID_AUTH_CREDENTIALS/,
    );
    await anonymous.close();
  });

  it('logs in: /ui redirects to /ui/ and the function list loads', async () => {
    const res = await page.goto('/ui');
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${platform.url}/ui/`);
    await page.getByRole('heading', { level: 1, name: 'Functions' }).waitFor();
    if (platform.own) await page.getByRole('heading', { name: 'No functions yet' }).waitFor();
    expect(await page.title()).toBe('Functions · faas');
  });

  it('shows the API’s own validation message next to the name field', async () => {
    await page.getByRole('link', { name: 'Deploy', exact: true }).click();
    await page.getByLabel('Name *').fill('Echo_UI');
    await page.getByLabel('Image *').fill('faas/cat');
    await page.getByLabel('Memory limit').fill('lots');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();

    await field('service').locator('.field-error').waitFor();
    const nameError = await field('service').locator('.field-error').textContent();
    expect(nameError).toBe(rules.functionName.message);
    // Said in words a person reads, not as the pattern behind them.
    expect(nameError).toMatch(/^must be lower-case letters, digits and "-"/);
    expect(nameError).not.toMatch(/[\^$[\]]/);
    expect(await field('limits.memory').locator('.field-error').textContent()).toBe(
      `"lots" ${rules.memory.message}`,
    );
    expect(await field('image').locator('.field-error').isHidden()).toBe(true);
    expect(await page.getByLabel('Name *').getAttribute('aria-invalid')).toBe('true');
    // The same words the API answers for the same body.
    const res = await api('/system/functions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'Echo_UI', image: 'faas/cat', limits: { memory: 'lots' } }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      `invalid function deployment: service: ${rules.functionName.message}; limits.memory: "lots" ${rules.memory.message}\n`,
    );
  });

  it('deploys a cat function from the form and sees it become ready', async () => {
    await open('#/deploy');
    await page.getByLabel('Name *').fill(name);
    await page.getByLabel('Image *').fill('faas/cat');
    await page.getByLabel('Process (fprocess)').fill('cat');
    await page.getByLabel('Environment variables').fill('GREETING=hello');
    await page.getByLabel('Labels').fill('team=ui');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();

    await page.waitForURL(`**/ui/#/functions/openfaas-fn/${name}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.locator('.head-badge', { hasText: '1/1 · Ready' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.details').textContent()).toContain('GREETING = hello');
    const status = await (await api(`/system/function/${name}`)).json();
    expect(status).toMatchObject({ name, image: 'faas/cat', envProcess: 'cat', labels: { team: 'ui' } });
  });

  it('shows the API’s conflict next to the name field when the function exists', async () => {
    await open('#/deploy');
    await page.getByLabel('Name *').fill(name);
    await page.getByLabel('Image *').fill('faas/cat');
    await page.getByLabel('Process (fprocess)').fill('cat');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await field('service').locator('.field-error').waitFor();
    expect(await field('service').locator('.field-error').textContent()).toMatch(
      new RegExp(`${name}.*already exists`),
    );
  });

  it('lists it, live, with its readiness', async () => {
    await open('#/');
    const row = page.locator(`tr[data-function="${name}"]`);
    await row.waitFor();
    expect(await row.locator('[data-label="Replicas"]').textContent()).toBe('1/1 · Ready');
    await page.getByLabel('Filter by name').fill('no-such-function');
    await page.getByText('No function’s name contains “no-such-function”.').waitFor();
    await page.getByLabel('Filter by name').fill(name);
    await row.waitFor();
  });

  it('invokes it and sees the echoed body', async () => {
    await open(`#/functions/openfaas-fn/${name}`);
    await page.getByRole('link', { name: 'Invoke' }).click();
    await page.getByRole('heading', { level: 1, name: `Invoke ${name}` }).waitFor();
    await page.getByLabel('Body', { exact: true }).fill('hello from Chromium');
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.locator('.result .status').waitFor();
    expect(await text('.result .status')).toBe('200 OK');
    expect(await text('.result pre.body')).toBe('hello from Chromium');
    await page.getByText(/^Headers \(\d+\)$/).click();
    expect(await page.locator('.result .headers').textContent()).toContain('x-call-id');
  });

  it('scales it to 2 and sees 2 available', async () => {
    await open(`#/functions/openfaas-fn/${name}`);
    await page.getByLabel('Desired replicas').fill('2');
    await page.getByRole('button', { name: 'Scale', exact: true }).click();
    await page
      .locator('.replica-summary', { hasText: '2 desired, 2 available' })
      .waitFor({ timeout: 30_000 });
    expect(await text('.head-badge')).toBe('2/2 · Ready');
    expect(await (await api(`/system/function/${name}`)).json()).toMatchObject({
      replicas: 2,
      availableReplicas: 2,
    });
  });

  it('reads its logs and follows new lines', async () => {
    const logs = page.getByRole('log', { name: `Logs of ${name}` });
    await logs.getByText('Forking fprocess.').first().waitFor({ timeout: 15_000 });
    const before = await logs.getByText('Forking fprocess.').count();
    expect(
      (await fetch(`${platform.url}/function/${name}`, { method: 'POST', body: 'once more' })).status,
    ).toBe(200);
    await until('a new log line while following', async () =>
      (await logs.getByText('Forking fprocess.').count()) > before ? true : undefined,
    );
  });

  it('charts the invocations it has seen', async () => {
    for (let i = 0; i < 3; i++)
      await fetch(`${platform.url}/function/${name}`, { method: 'POST', body: `${i}` });
    const chart = page.getByRole('img', { name: /^Invocations per second/ });
    await until(
      'the rate chart to have data',
      async () => ((await chart.getAttribute('aria-label')) ?? '').includes('all: now') || undefined,
      20_000,
    );
    expect(await page.locator('.chart path.series-a').first().getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/);
  });

  it('keeps what the charts have seen for the next visit', async () => {
    const chart = page.getByRole('img', { name: /^Invocations per second/ });
    const peak = async () =>
      Number(
        /all: now [^,]+, peak ([\d.]+)\/s/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1] ?? 0,
      );
    await until('a rate above zero', async () => ((await peak()) > 0 ? true : undefined), 20_000);
    // A new document: nothing is left in memory, and a fresh page needs two readings for a point.
    await page.reload();
    const note = page.locator('.chart-note');
    await until('the first reading', async () =>
      (await note.textContent()) !== 'Loading…' ? true : undefined,
    );
    expect(await note.textContent()).toMatch(
      /^From the gateway’s \/metrics, read every 5 seconds while the UI is open in this browser/,
    );
    expect(await peak()).toBeGreaterThan(0);
  });

  it('deletes it after confirmation', async () => {
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${name}?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api(`/system/function/${name}`)).status).toBe(200);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: `Delete ${name}` }).click();
    await page.waitForURL('**/ui/#/');
    await page
      .getByRole('status')
      .filter({ hasText: `Deleted ${name}.` })
      .waitFor();
    await until('the function to be gone', async () =>
      (await api(`/system/function/${name}`)).status === 404 ? true : undefined,
    );
    await until('the row to go', async () =>
      (await page.locator(`tr[data-function="${name}"]`).count()) === 0 ? true : undefined,
    );
  });

  it('had no script errors on any page', () => {
    expect(problems).toEqual([]);
  });
});
