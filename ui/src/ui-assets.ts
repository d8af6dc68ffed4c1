// The UI's files in memory, ready to serve: content type, cache policy, ETag and a gzip copy each.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleUi } from './bundle.js';
import type { BuiltFile } from './bundle.js';
import { filesBesideBundle, prebuiltDir, webSourceDir } from './package-root.js';

/** One file as `/ui/` serves it. */
export interface UiAsset {
  /** `Content-Type` header value. */
  contentType: string;
  /** `Cache-Control` header value. */
  cacheControl: string;
  /** Strong ETag of the bytes. */
  etag: string;
  /** The bytes as built. */
  body: Buffer;
  /** Gzip-compressed bytes, when that makes the file smaller. */
  gzip: Buffer | undefined;
}

/** Where the served files came from, for the startup log and docs. */
export type AssetOrigin = 'bundled from src/web' | 'prebuilt dist/web' | 'shipped beside the bundle';

/** The served files by path below `/ui/` (`index.html`, `app-<hash>.js`, …). */
export interface UiAssets {
  /** Where they came from. */
  origin: AssetOrigin;
  /** Path → asset. */
  files: ReadonlyMap<string, UiAsset>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Content-hashed names never change content: the browser may keep them for a year. */
function cacheControlOf(path: string): string {
  if (path === 'index.html') return 'no-cache';
  if (/-[A-Z0-9]{8}\.(js|css)$/.test(path)) return 'private, max-age=31536000, immutable';
  return 'private, max-age=86400';
}

/** Turns built files into servable assets. */
export function toAssets(origin: AssetOrigin, files: readonly BuiltFile[]): UiAssets {
  const map = new Map<string, UiAsset>();
  for (const file of files) {
    const body = Buffer.from(file.contents);
    const gzip = gzipSync(body, { level: 9 });
    map.set(file.path, {
      contentType: TYPES[extname(file.path)] ?? 'application/octet-stream',
      cacheControl: cacheControlOf(file.path),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      body,
      gzip: gzip.length < body.length ? gzip : undefined,
    });
  }
  if (!map.has('index.html')) throw new Error(`@faas/ui: no index.html among the ${origin} files`);
  return { origin, files: map };
}

/** Reads the files `npm run build -w @faas/ui` wrote. */
export async function readPrebuilt(dir: string = prebuiltDir()): Promise<BuiltFile[]> {
  const names = await readdir(dir);
  return Promise.all(names.map(async (path) => ({ path, contents: await readFile(join(dir, path)) })));
}

/**
 * The UI's assets. In a source checkout (src/web present, esbuild installed) they are bundled in
 * memory at startup, so they always match the sources; otherwise the prebuilt `dist/web` is read,
 * which is what an install without dev dependencies needs. A service bundle (the gateway's image)
 * reads the files shipped beside it.
 */
export async function loadUiAssets(): Promise<UiAssets> {
  const beside = filesBesideBundle();
  if (beside) return toAssets('shipped beside the bundle', await readPrebuilt(beside));
  if (existsSync(join(webSourceDir(), 'main.ts'))) {
    try {
      return toAssets('bundled from src/web', await bundleUi());
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !existsSync(prebuiltDir()))
        throw err;
    }
  }
  return toAssets('prebuilt dist/web', await readPrebuilt());
}
