import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWatchdog } from './helpers.js';
import type { RunningWatchdog } from './helpers.js';

let wd: RunningWatchdog | undefined;
afterEach(async () => {
  await wd?.close();
  wd = undefined;
});

describe('static mode', () => {
  const root = mkdtempSync(join(tmpdir(), 'watchdog-static-'));
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
  writeFileSync(join(root, 'docs', 'a.txt'), 'text file');

  it.each([
    ['/', 200, 'text/html; charset=utf-8', '<h1>home</h1>'],
    ['/docs/a.txt', 200, 'text/plain; charset=utf-8', 'text file'],
    ['/missing', 404, 'text/plain; charset=utf-8', 'Not found.\n'],
  ])('answers GET %s with %d', async (path, status, type, body) => {
    wd = await startWatchdog({ mode: 'static', static_path: root });
    const res = await fetch(`${wd.url}${path}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(type);
    expect(await res.text()).toBe(body);
  });

  it('never serves a file outside static_path', async () => {
    wd = await startWatchdog({ mode: 'static', static_path: join(root, 'docs') });
    const { port } = new URL(wd.url);
    // fetch would normalise the dots away; a raw request sends them as they are.
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port, path: '/../index.html' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).end();
    });
    expect(status).toBe(404);
  });

  it('refuses POST with 405', async () => {
    wd = await startWatchdog({ mode: 'static', static_path: root });
    expect((await fetch(wd.url, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
