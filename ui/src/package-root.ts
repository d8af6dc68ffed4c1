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
