// CSRF in real Chromium (docs/security.md): the user is logged in to the UI, and the browser answers
// every Basic challenge with their credentials (Playwright's httpCredentials, the most generous
// "cached credentials" there is). A page on a second origin auto-submits a text/plain form and
// fires no-cors fetches at /system/functions with a deployment whose envProcess would run a
// command on the host. Every one is refused and nothing is deployed; the UI, our CLI and curl
// keep working against the same gateway.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { faas } from './cli-support.js';
import { basicAuth, launchChromium, loggedIn, requireUi, startUiPlatform } from './ui-harness.js';
import type { UiPlatform } from './ui-harness.js';

/** What the attacker's page sends: a form (navigates) and two no-cors fetches. */
function attackPage(gateway: string, marker: string): string {
  const deployment = (service: string) =>
    JSON.stringify({ service, image: 'faas/cat', envProcess: `touch ${marker}-${service}` });
  // A text/plain form writes `name=value`: the JSON is split so the `=` lands inside a string.
  const [head, tail] = [deployment('csrf-form').slice(0, -1) + ',"pad":"', '"}'];
  return `<!doctype html><title>cute cats</title>
<form id="f" method="POST" enctype="text/plain" action="${gateway}/system/functions">
  <input type="hidden" name='${head}' value='${tail}'>
</form>
<script>
  const gw = ${JSON.stringify(gateway)};
  const sends = [
    fetch(gw + '/system/functions', { method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(deployment('csrf-fetch'))} }),
    // A Blob without a type: no Content-Type at all, as Go clients send.
    fetch(gw + '/system/functions', { method: 'POST', mode: 'no-cors', credentials: 'include',
      body: new Blob([${JSON.stringify(deployment('csrf-blob'))}]) }),
  ];
  Promise.allSettled(sends).then(() => document.getElementById('f').submit());
</script>`;
}

describeWith([components.chromium], 'CSRF from another origin, in Chromium', () => {
  let platform: UiPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let attacker: Server;
  let attackerPort: number;
  const marker = join(tmpdir(), `faas-csrf-${process.pid}`);

  beforeAll(async () => {
    platform = await startUiPlatform();
    await requireUi(platform);
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(attackPage(platform.url, marker));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
    browser = await launchChromium();
    context = await loggedIn(browser, platform);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    attacker?.close();
    await platform?.stop();
  });

  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${platform.url}${path}`, {
      ...init,
      headers: { authorization: basicAuth(platform), ...init.headers },
    });
  const deployed = async (): Promise<string[]> =>
    ((await (await api('/system/functions')).json()) as { name: string }[]).map((f) => f.name);

  it('is logged in: the UI lists the functions', async () => {
    const page = await context.newPage();
    await page.goto('/ui/');
    await page.getByRole('heading', { level: 1, name: 'Functions' }).waitFor();
    await page.close();
  });

  it.each([
    ['a cross-site page (localhost vs 127.0.0.1)', 'localhost', 'cross-site'],
    ['a same-site page on another port', '127.0.0.1', 'same-site'],
  ])('refuses every request %s makes, and deploys nothing', async (_case, host, site) => {
    const page = await context.newPage();
    const seen: { kind: string; status: number; origin?: string; fetchSite?: string }[] = [];
    page.on('response', async (res) => {
      const req = res.request();
      if (!req.url().startsWith(`${platform.url}/system/`)) return;
      // allHeaders(): what went on the wire, Sec-Fetch-* included.
      const headers = await req.allHeaders();
      seen.push({
        kind: req.resourceType(),
        status: res.status(),
        ...(headers.origin ? { origin: headers.origin } : {}),
        ...(headers['sec-fetch-site'] ? { fetchSite: headers['sec-fetch-site'] } : {}),
      });
    });
    const landed = page.waitForURL(`${platform.url}/system/functions`, { timeout: 30_000 });
    await page.goto(`http://${host}:${attackerPort}/`);
    await landed;
    await until('the form and both fetches to be answered', () => seen.length >= 3 || undefined, 30_000);
    expect(seen.map((s) => s.status)).toEqual([403, 403, 403]);
    expect(new Set(seen.map((s) => s.fetchSite))).toEqual(new Set([site]));
    expect(seen.every((s) => s.origin === `http://${host}:${attackerPort}`)).toBe(true);
    expect(await page.textContent('body')).toMatch(/^Cross-site request refused \(Sec-Fetch-Site: /);
    await page.close();

    expect((await deployed()).filter((n) => n.startsWith('csrf-'))).toEqual([]);
    for (const service of ['csrf-form', 'csrf-fetch', 'csrf-blob'])
      expect(existsSync(`${marker}-${service}`)).toBe(false);
  });

  it('still deploys from its own UI', async () => {
    const page = await context.newPage();
    const name = `csrf-ui-${Date.now().toString(36)}`;
    await page.goto('/ui/#/deploy');
    await page.getByLabel('Name *').fill(name);
    await page.getByLabel('Image *').fill('faas/cat');
    await page.getByLabel('Process (fprocess)').fill('cat');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.waitForURL(`**/ui/#/functions/openfaas-fn/${name}`);
    expect(await deployed()).toContain(name);
    await page.close();
  });

  it('still takes our CLI and curl, and tells curl without a JSON type what to send', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faas-csrf-cli-'));
    try {
      const env = { HOME: home, OPENFAAS_URL: platform.url };
      const login = await faas(['login', '--password-stdin'], home, env, platform.password);
      expect(login.code).toBe(0);
      const created = await faas(['secret', 'create', 'csrf-cli-secret', '--from-literal', 'v'], home, env);
      expect([created.code, created.stderr]).toEqual([0, '']);
      const cli = await faas(
        ['deploy', '--image', 'faas/cat', '--name', 'csrf-cli', '--fprocess', 'cat'],
        home,
        env,
      );
      expect([cli.code, cli.stderr]).toEqual([0, 'Deployed csrf-cli (created, image faas/cat).\n']);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    const curl = (args: string[]) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn('curl', [
          '-s',
          '-w',
          '\n%{http_code}',
          '-u',
          `${platform.user}:${platform.password}`,
          ...args,
        ]);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('error', reject);
        child.on('close', () => resolve(out));
      });
    const body = (service: string) => JSON.stringify({ service, image: 'faas/cat', envProcess: 'cat' });
    const url = `${platform.url}/system/functions`;
    expect(await curl(['-H', 'Content-Type: application/json', '-d', body('csrf-curl'), url])).toBe('\n202');
    // Go's client sends no Content-Type; neither does curl with an empty one.
    expect(await curl(['-H', 'Content-Type:', '-d', body('csrf-curl-go'), url])).toBe('\n202');
    expect(await curl(['-d', body('csrf-curl-form'), url])).toBe(
      "Send the body as JSON with Content-Type: application/json (got application/x-www-form-urlencoded; with curl: -H 'Content-Type: application/json').\n\n415",
    );
    expect(await deployed()).toEqual(expect.arrayContaining(['csrf-cli', 'csrf-curl', 'csrf-curl-go']));
    expect(await deployed()).not.toContain('csrf-curl-form');
  });
});
