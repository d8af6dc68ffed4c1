import request from 'supertest';
import { createUiModule, toAssets } from '../src/index.js';
import type { UiAssets } from '../src/index.js';
import { plainApp } from './support/plain-app.js';

const INDEX =
  '<!doctype html><link rel="stylesheet" href="styles-AAAAAAAA.css"><script src="app-BBBBBBBB.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

function fixture(): UiAssets {
  return toAssets('prebuilt dist/web', [
    { path: 'index.html', contents: Buffer.from(INDEX) },
    { path: 'app-BBBBBBBB.js', contents: Buffer.from(SCRIPT) },
    { path: 'styles-AAAAAAAA.css', contents: Buffer.from('body{margin:0}') },
    { path: 'favicon.svg', contents: Buffer.from('<svg/>') },
  ]);
}

const app = plainApp(createUiModule({ loadAssets: async () => fixture() }));

describe('the /ui route module', () => {
  it('redirects /ui to /ui/ and keeps the query', async () => {
    const res = await request(app).get('/ui?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/ui/?x=1');
  });

  it('serves index.html at /ui/ revalidated on every load, with a same-origin-only policy', async () => {
    const res = await request(app).get('/ui/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toBe(INDEX);
  });

  it.each([
    ['app-BBBBBBBB.js', 'text/javascript; charset=utf-8', 'private, max-age=31536000, immutable'],
    ['styles-AAAAAAAA.css', 'text/css; charset=utf-8', 'private, max-age=31536000, immutable'],
    ['favicon.svg', 'image/svg+xml', 'private, max-age=86400'],
  ])('serves %s as %s with cache policy %s', async (path, type, cache) => {
    const res = await request(app).get(`/ui/${path}`).set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cache);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.etag).toMatch(/^"[\w-]{22}"$/);
  });

  it('sends gzip to a browser that accepts it, with its own ETag', async () => {
    const res = await request(app)
      .get('/ui/app-BBBBBBBB.js')
      .set('Accept-Encoding', 'gzip, deflate')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers.etag).toMatch(/-gz"$/);
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);
    // superagent has already gunzipped it: the compressed bytes were valid gzip of the script.
    expect((res.body as Buffer).toString()).toBe(SCRIPT);
  });

  it('answers 304 when the browser already has the file', async () => {
    const first = await request(app).get('/ui/').set('Accept-Encoding', 'identity');
    const again = await request(app)
      .get('/ui/')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', first.headers.etag!);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await request(app).head('/ui/favicon.svg').set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('6');
    expect(res.text).toBeUndefined();
  });

  it('answers 404 for a file it does not have, before any placeholder can', async () => {
    const res = await request(app).get('/ui/nope.js');
    expect(res.status).toBe(404);
    expect(res.text).toBe('Not found: /ui/nope.js\n');
  });

  it.each(['post', 'put', 'delete'] as const)('answers %s with 405 and Allow', async (method) => {
    const res = await request(app)[method]('/ui/');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.text).toBe('The web UI only answers GET and HEAD.\n');
  });

  it('says why when the assets cannot be loaded, and tries again on the next request', async () => {
    let calls = 0;
    const module = createUiModule({
      loadAssets: async () => {
        calls += 1;
        if (calls === 1) throw new Error('esbuild failed');
        return fixture();
      },
    });
    const app = plainApp(module);
    const res = await request(app).get('/ui/');
    expect(res.status).toBe(500);
    expect(res.text).toBe('The web UI could not be loaded: esbuild failed\n');
    expect((await request(app).get('/ui/')).status).toBe(200);
    expect((await request(app).get('/ui/favicon.svg')).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('loads nothing until the first request', async () => {
    let calls = 0;
    const module = createUiModule({ loadAssets: async () => (calls++, fixture()) });
    plainApp(module);
    expect(calls).toBe(0);
    expect((await module.assets()).origin).toBe('prebuilt dist/web');
    expect(calls).toBe(1);
  });
});
