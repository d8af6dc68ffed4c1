// With a Prometheus scraping the gateway (faas_prometheus_host/port), the function page's charts
// show its history at once: real Prometheus 2.x, real Chromium, the platform from `npm start`.
// Against a running platform (faas_e2e_gateway_url), its UI must use a Prometheus on
// 127.0.0.1:$faas_e2e_prometheus_port, which this suite starts.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { components, describeWith, freePort, until } from '@faas/service-kit/testing';
import {
  basicAuth,
  launchChromium,
  loggedIn,
  removeFunctions,
  requireUi,
  startUiPlatform,
} from './ui-harness.js';
import type { UiPlatform } from './ui-harness.js';

describeWith([components.chromium, components.prometheus], 'the web UI charts from Prometheus', () => {
  let platform: UiPlatform;
  let prometheus: ChildProcess | undefined;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'faas-ui-prom-'));
  const name = `ui-prom-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const promPort = Number(process.env.faas_e2e_prometheus_port) || (await freePort());
    platform = await startUiPlatform({
      faas_prometheus_host: '127.0.0.1',
      faas_prometheus_port: String(promPort),
    });
    await requireUi(platform);
    const target = new URL(platform.url).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s, evaluation_interval: 1s }\nscrape_configs:\n  - job_name: gateway\n    static_configs: [{ targets: ['${target}'] }]\n`,
    );
    prometheus = spawn('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    await until(
      'Prometheus to be ready',
      async () => ((await fetch(`http://127.0.0.1:${promPort}/-/ready`)).ok ? true : undefined),
      60_000,
    );
    browser = await launchChromium();
    page = await (await loggedIn(browser, platform)).newPage();
  }, 300_000);

  afterAll(async () => {
    await removeFunctions(platform, name);
    await browser?.close();
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the minutes before the page was opened, from Prometheus', async () => {
    const deploy = await fetch(`${platform.url}/system/functions`, {
      method: 'POST',
      headers: { authorization: basicAuth(platform), 'content-type': 'application/json' },
      body: JSON.stringify({ service: name, image: 'faas/cat', envProcess: 'cat' }),
    });
    expect(deploy.status).toBe(202);
    await until('the function to answer', async () =>
      (await fetch(`${platform.url}/function/${name}`, { method: 'POST', body: 'x' })).status === 200
        ? true
        : undefined,
    );
    // 20 s of about 5 calls a second before anyone looks.
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      await fetch(`${platform.url}/function/${name}`, { method: 'POST', body: 'tick' });
      await new Promise((r) => setTimeout(r, 200));
    }

    const res = await fetch(`${platform.url}/ui/api/metrics?function=${name}.openfaas-fn&minutes=2`, {
      headers: { authorization: basicAuth(platform) },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { source: string; points: { rate: number; mean: number | null }[] };
    expect(body.source).toBe('prometheus');
    expect(Math.max(...body.points.map((p) => p.rate))).toBeGreaterThan(1);

    await page.goto(`/ui/#/functions/openfaas-fn/${name}`);
    await page.locator('.chart-note', { hasText: 'From Prometheus' }).waitFor({ timeout: 15_000 });
    const label =
      (await page.getByRole('img', { name: /^Invocations per second/ }).getAttribute('aria-label')) ?? '';
    const peak = /all: now [^,]+, peak ([\d.]+)\/s/.exec(label);
    expect(peak).not.toBeNull();
    expect(Number(peak![1])).toBeGreaterThan(1);
    // Prometheus knows the whole window: the axis spans all of it, not only what it has points for.
    expect(label).toMatch(/^Invocations per second, last 10 min\./);
    expect(await page.locator('.chart-box').first().locator('text', { hasText: '−10 min' }).count()).toBe(1);
  });
});
