// The gateway as its container image runs it: the esbuild bundle (gateway/build.mjs) started from
// a directory of its own, with the web UI's files beside it, and no @faas/ui package to find.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';

const gateway = join(dirname(fileURLToPath(import.meta.url)), '..');
let child: ChildProcess | undefined;
let base = '';

beforeAll(async () => {
  execFileSync(process.execPath, [join(gateway, 'build.mjs')], { stdio: 'ignore' });
  // As the Dockerfile lays it out: /app/gateway.mjs and /app/ui, outside the repository.
  const app = mkdtempSync(join(tmpdir(), 'faas-gateway-image-'));
  cpSync(join(gateway, 'dist', 'gateway.mjs'), join(app, 'gateway.mjs'));
  cpSync(join(gateway, 'dist', 'ui'), join(app, 'ui'), { recursive: true });
  const port = await freePort();
  child = spawn(process.execPath, [join(app, 'gateway.mjs')], {
    cwd: app,
    env: {
      PATH: process.env.PATH,
      port: String(port),
      functions_provider_url: 'http://127.0.0.1:9',
      basic_auth: 'false',
    },
    stdio: 'ignore',
  });
  base = `http://127.0.0.1:${port}`;
  // /healthz answers 503 while the provider is unreachable: any answer means it listens.
  await until('the bundled gateway', () => fetch(`${base}/healthz`).then((r) => r.status), 20_000);
}, 60_000);

afterAll(() => {
  child?.kill('SIGKILL');
});

it('serves the web UI from the files shipped beside the bundle', async () => {
  const page = await fetch(`${base}/ui/`);
  expect(page.status).toBe(200);
  const html = await page.text();
  const script = /src="(app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const asset = await fetch(`${base}/ui/${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
});
