// static mode through the real executable: files under static_path, nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRequest, runTest, stopAll } from './runtimes.js';

afterEach(stopAll);

// <dir>/public is served; <dir>/secret.txt sits next to it, one `..` away.
const dir = mkdtempSync(join(tmpdir(), 'fwatchdog-static-'));
const root = join(dir, 'public');
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
writeFileSync(join(root, 'docs', 'a.txt'), 'text file');
writeFileSync(join(dir, 'secret.txt'), 'do not serve');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runTest('static mode', (host) => {
  it('serves a file under static_path with its Content-Type, and index.html for /', async () => {
    const wd = await host.start({ mode: 'static', static_path: root });
    const file = await fetch(`${wd.url}/docs/a.txt`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/plain; ?charset=utf-8$/);
    expect(await file.text()).toBe('text file');
    const index = await fetch(`${wd.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html; ?charset=utf-8$/);
    expect(await index.text()).toBe('<h1>home</h1>');
  });

  it('answers 404 for a file that does not exist', async () => {
    const wd = await host.start({ mode: 'static', static_path: root });
    const res = await fetch(`${wd.url}/docs/missing.txt`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('Not found.\n');
  });

  it('refuses POST with 405', async () => {
    const wd = await host.start({ mode: 'static', static_path: root });
    const res = await fetch(wd.url, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/docs/..%2f..%2fsecret.txt', '/..%2fsecret.txt'])(
    'never serves a file outside static_path: %s is 404',
    async (path) => {
      const wd = await host.start({ mode: 'static', static_path: root });
      const res = await rawRequest(wd.url, path);
      expect(res.body).not.toContain('do not serve');
      expect(res.status).toBe(404);
    },
  );
});
