// The rest of the UI in Chromium: secrets (values never shown), deploy from JSON, update through
// the form, and how the invoke panel shows JSON, errors from the platform, and binary bodies.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { components, describeWith } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { callApi, deployFunction, removeFunctions, startUiSession, untilReady } from './ui-harness.js';
import type { UiPlatform, UiSession } from './ui-harness.js';

describeWith([components.chromium], 'the web UI pages in Chromium', () => {
  let ui: UiSession;
  let platform: UiPlatform;
  let page: Page;
  const suffix = Date.now().toString(36);
  const secret = `ui-secret-${suffix}`;
  const fn = `ui-json-${suffix}`;
  const secretValue = `s3cr3t-${suffix}`;
  const slowHttp = `ui-slow-http-${suffix}`;
  const slowFork = `ui-slow-fork-${suffix}`;
  const slowWrite = `ui-slow-write-${suffix}`;

  beforeAll(async () => {
    ui = await startUiSession();
    ({ platform, page } = ui);
  }, 300_000);

  afterAll(() => ui?.close(fn, slowHttp, slowFork, slowWrite));

  const api = (path: string, init: { method?: string; json?: unknown } = {}) => callApi(platform, path, init);
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`/ui/${hash}`);
  };

  it('creates a secret, replaces its value and never shows it', async () => {
    await open('#/secrets');
    // Where functions really find secrets on this provider (the local one: not a container path).
    const info = (await (await api('/system/info')).json()) as { provider: { secretMountPath?: string } };
    const dir = (info.provider.secretMountPath ?? '/var/openfaas/secrets')
      .replace('{namespace}', '<namespace>')
      .replace('{function}', '<function>');
    await page.locator('.secrets-dir', { hasText: `${dir}/<name>` }).waitFor();
    if (platform.own) {
      expect(dir).toMatch(/^\/.*\/functions\/<namespace>\/<function>\/secrets$/);
      expect(await page.locator('.lead').textContent()).toContain(
        'on this provider (faas-local), the directory its secret_mount_path variable names',
      );
    }
    await page.getByLabel('Secret name').fill('Not_Valid');
    await page.getByRole('button', { name: 'Create secret' }).click();
    expect(await page.locator('[data-field="name"] .field-error').textContent()).toMatch(
      /^must be lower-case letters/,
    );

    await page.getByLabel('Secret name').fill(secret);
    await page.getByLabel('Secret value').fill(secretValue);
    await page.getByRole('button', { name: 'Create secret' }).click();
    await page.locator(`tr[data-secret="${secret}"]`).waitFor();
    expect(await page.getByLabel('Secret value').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secretValue);
    expect(await (await api('/system/secrets')).json()).toContainEqual({
      name: secret,
      namespace: 'openfaas-fn',
    });

    await page.getByRole('button', { name: `Replace the value of ${secret}` }).click();
    expect(await page.getByLabel('Secret name').inputValue()).toBe(secret);
    await page.getByLabel('Secret value').fill('another value');
    await page.getByRole('button', { name: 'Replace value' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Replaced the value of secret ${secret}.` })
      .waitFor();
  });

  it('deploys from pasted JSON, naming what is wrong first', async () => {
    await open('#/deploy/json');
    const json = page.getByLabel('FunctionDeployment (JSON)');
    await json.fill('{"service": ');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.locator('.problem-list li', { hasText: /^malformed JSON: / }).waitFor();

    await json.fill(
      JSON.stringify({ service: fn, image: 'faas/cat', envProcess: 'cat', envVars: { '1X': 'y' } }),
    );
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.locator('.problem-list li', { hasText: 'envVars.1X: key must start with a letter' }).waitFor();

    await json.fill(JSON.stringify({ service: fn, image: 'faas/cat', envProcess: 'cat', secrets: [secret] }));
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.waitForURL(`**/ui/#/functions/openfaas-fn/${fn}`);
    await page.locator('.head-badge', { hasText: '1/1 · Ready' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('.details').textContent()).toContain(secret);
  });

  it('updates the function through the form, keeping its secret checked', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: `Update ${fn}` }).waitFor();
    await until('the form to be filled', async () =>
      (await page.getByLabel('Image *').inputValue()) === 'faas/cat' ? true : undefined,
    );
    expect(await page.getByLabel('Name *').getAttribute('readonly')).toBe('');
    expect(await page.getByRole('checkbox', { name: secret }).isChecked()).toBe(true);
    await page.getByLabel('Environment variables').fill('MODE=updated');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(`**/ui/#/functions/openfaas-fn/${fn}`);
    await until('the new environment', async () =>
      (await page.locator('.details').textContent())?.includes('MODE = updated') ? true : undefined,
    );
    expect(await (await api(`/system/function/${fn}`)).json()).toMatchObject({
      envVars: { MODE: 'updated' },
      secrets: [secret],
    });
    // The page says which file the function reads the secret from; on this host, that file holds it.
    const line = page.locator('.details li', { hasText: secret });
    await line.filter({ hasText: ' at ' }).waitFor();
    const path = (await line.locator('code').nth(1).textContent()) ?? '';
    expect(path).toMatch(new RegExp(`/${fn}/secrets/${secret}$|^/var/openfaas/secrets/${secret}$`));
    if (platform.own) expect(readFileSync(path, 'utf8')).toBe('another value');
  });

  it('pretty-prints JSON answers and says when an answer came from the platform', async () => {
    await open(`#/functions/openfaas-fn/${fn}/invoke`);
    await page.getByLabel('Content type').fill('application/json');
    await page.getByLabel('Body', { exact: true }).fill('{"a":[1,2]}');
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.locator('.result pre.body-json').waitFor();
    expect(await page.locator('.result pre.body-json').textContent()).toBe(
      '{\n  "a": [\n    1,\n    2\n  ]\n}',
    );

    await open(`#/functions/openfaas-fn/no-such-${suffix}/invoke`);
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.locator('.result .status').waitFor();
    expect(await page.locator('.result .status').textContent()).toBe('404 Not Found');
    expect(await page.locator('.internal-note').textContent()).toMatch(/came from the platform \(\w+\)/);
  });

  it('says a function ran out of time, which limit stopped it and where it is set', async () => {
    // http mode: the watchdog proxies to this slow server and answers 504 at exec_timeout, naming it.
    const slow = createServer((req, res) => {
      const timer = setTimeout(() => res.end('late'), 5_000);
      res.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const port = (slow.address() as AddressInfo).port;
      const slowOne = (service: string, envProcess: string, envVars: Record<string, string>) =>
        deployFunction(platform, { service, image: 'faas/slow', envProcess, envVars });
      await slowOne(slowHttp, 'sleep 3600', {
        mode: 'http',
        upstream_url: `http://127.0.0.1:${port}`,
        exec_timeout: '1s',
      });
      await slowOne(slowFork, 'sleep 5', { exec_timeout: '1s' });
      await slowOne(slowWrite, 'sleep 5', { write_timeout: '1s' });
      for (const fn of [slowHttp, slowFork, slowWrite]) await untilReady(platform, fn);

      /** Invokes a function from its page: the status line and what the page says it means. */
      const failure = async (name: string) => {
        await open(`#/functions/openfaas-fn/${name}/invoke`);
        await page.getByRole('button', { name: 'Invoke' }).click();
        await page.locator('.result .outcome').waitFor({ timeout: 15_000 });
        return {
          status: await page.locator('.result .status').textContent(),
          title: await page.locator('.outcome-timeout .outcome-title').textContent(),
          words: await page.locator('.outcome').textContent(),
        };
      };

      const http = await failure(slowHttp);
      expect(http.status).toBe('504 Gateway Timeout');
      expect(http.title).toBe('Ran out of time: stopped after 1 s by its exec_timeout');
      expect(http.words).toContain('here set to 1s in the function’s environment (exec_timeout=1s)');
      // The watchdog's own words stay readable below.
      expect(await page.locator('.result pre.body').textContent()).toContain('(exec_timeout)');

      const fork = await failure(slowFork);
      expect(fork.status).toMatch(/^408 /);
      expect(fork.title).toMatch(/^Ran out of time: killed after [\d.]+ s by its exec_timeout$/);

      // write_timeout stops any call, whatever the mode: the watchdog answers 504 naming it.
      const write = await failure(slowWrite);
      expect(write.status).toBe('504 Gateway Timeout');
      expect(write.title).toBe('Ran out of time: stopped after 1 s by its write_timeout');
      expect(write.words).toContain('here set to 1s in the function’s environment (write_timeout=1s)');
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('offers a binary answer as a download', async () => {
    await open(`#/functions/openfaas-fn/${fn}/invoke`);
    await page.getByLabel('Content type').fill('application/octet-stream');
    await page.getByRole('radio', { name: 'File' }).check();
    await page.getByLabel('Body from a file').setInputFiles({
      name: 'x.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0, 1, 2, 255, 254]),
    });
    await page.getByRole('button', { name: 'Invoke' }).click();
    await page.getByRole('link', { name: 'download it' }).waitFor();
    expect(await page.locator('.result').textContent()).toContain('Binary body, 5 B');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'download it' }).click(),
    ]);
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
        stream.on('error', reject);
      });
    });
    expect([...bytes]).toEqual([0, 1, 2, 255, 254]);
  });

  it('deletes the secret after confirmation', async () => {
    await removeFunctions(platform, fn);
    await open('#/secrets');
    await page.getByRole('button', { name: `Delete ${secret}` }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: `Delete ${secret}` })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: `Deleted secret ${secret}.` })
      .waitFor();
    expect(await page.locator(`tr[data-secret="${secret}"]`).count()).toBe(0);
    expect(await (await api('/system/secrets')).json()).not.toContainEqual({
      name: secret,
      namespace: 'openfaas-fn',
    });
  });
});
