import { bundleUi, loadUiAssets } from '../src/index.js';

/** URLs a bundle may contain that are names, not fetches (SVG's XML namespace). */
const NOT_FETCHED = new Set(['http://www.w3.org/2000/svg']);

describe('the UI bundle', () => {
  it('is one script, one stylesheet, index.html that points at them, and the icon', async () => {
    const files = await bundleUi();
    const paths = files.map((f) => f.path).sort();
    expect(paths).toEqual([
      expect.stringMatching(/^app-[A-Z0-9]{8}\.js$/),
      'favicon.svg',
      'index.html',
      expect.stringMatching(/^styles-[A-Z0-9]{8}\.css$/),
    ]);
    const html = Buffer.from(files.find((f) => f.path === 'index.html')!.contents).toString();
    expect(html).toContain(`<script type="module" src="${paths[0]}"></script>`);
    expect(html).toContain(`<link rel="stylesheet" href="${paths[3]}" />`);
  });

  it('loads nothing from anywhere else: no remote URL in any file', async () => {
    for (const file of await bundleUi()) {
      const text = Buffer.from(file.contents).toString();
      const urls = [...text.matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)].map(
        (m) => m[0],
      );
      expect({ file: file.path, urls: urls.filter((u) => !NOT_FETCHED.has(u)) }).toEqual({
        file: file.path,
        urls: [],
      });
    }
  });

  it('is bundled from the sources in a source checkout', async () => {
    const assets = await loadUiAssets();
    expect(assets.origin).toBe('bundled from src/web');
    expect(assets.files.get('index.html')?.cacheControl).toBe('no-cache');
  });
});
