// static mode through the real executable: files under static_path, nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannotRun, rawRequest, runtimes, startExecutable, stopAll } from './runtimes.js';

afterEach(stopAll);

// <dir>/public is served; <dir>/secret.txt sits next to it, one `..` away.
const dir = mkdtempSync(join(tmpdir(), 'fwatchdog-static-'));
const root = join(dir, 'public');
mkdirSync(join(root, 'docs'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
writeFileSync(join(root, 'docs', 'a.txt'), 'text file');
writeFileSync(join(dir, 'secret.txt'), 'do not serve');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(runtimes)('static mode on $name', (runtime) => {
  if (cannotRun(runtime)) return;

  it('serves a file under static_path with its Content-Type, and index.html for /', async () => {
    const wd = await startExecutable(runtime, { mode: 'static', static_path: root });
    const file = await fetch(`${wd.url}/docs/a.txt`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await file.text()).toBe('text file');
    const index = await fetch(`${wd.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toBe('<h1>home</h1>');
  });

  it('answers 404 for a file that does not exist', async () => {
    const wd = await startExecutable(runtime, { mode: 'static', static_path: root });
    const res = await fetch(`${wd.url}/docs/missing.txt`);
    expect(res.status).toBe(404);
    await res.text();
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/docs/..%2f..%2fsecret.txt', '/..%2fsecret.txt'])(
    'never serves a file outside static_path: %s is 404',
    async (path) => {
      const wd = await startExecutable(runtime, { mode: 'static', static_path: root });
      const res = await rawRequest(wd.url, path);
      expect(res.body).not.toContain('do not serve');
      expect(res.status).toBe(404);
    },
  );
});
