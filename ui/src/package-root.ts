// Where @faas/ui lives on disk, whether this code runs from src/ (Jest) or dist/src/ (Node).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding @faas/ui's package.json. */
export function uiPackageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@faas/ui'
    )
      return dir;
  }
  throw new Error(`@faas/ui: no package.json named @faas/ui above ${from}`);
}

/** The browser sources: `<root>/src/web`. */
export function webSourceDir(root = uiPackageRoot()): string {
  return join(root, 'src', 'web');
}

/** Where `npm run build -w @faas/ui` writes the bundle: `<root>/dist/web`. */
export function prebuiltDir(root = uiPackageRoot()): string {
  return join(root, 'dist', 'web');
}

/**
 * Set at bundle time by a service that ships the built UI beside its one-file bundle (the gateway's
 * container image, gateway/build.mjs): that directory, relative to the bundle. In a checkout or an
 * npm install it is not defined and the package's own files are used.
 */
declare const FAAS_UI_FILES_BESIDE_BUNDLE: string | undefined;

/** The built UI shipped beside a service bundle, or `undefined` outside such a bundle. */
export function filesBesideBundle(): string | undefined {
  if (typeof FAAS_UI_FILES_BESIDE_BUNDLE !== 'string') return undefined;
  return join(dirname(fileURLToPath(import.meta.url)), FAAS_UI_FILES_BESIDE_BUNDLE);
}
