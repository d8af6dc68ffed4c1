// Bundles the browser sources with esbuild: one script, one stylesheet (content-hashed names),
// index.html pointing at them, and the icon. Nothing is fetched from elsewhere at run time.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { webSourceDir } from './package-root.js';

/** One file of the built UI. */
export interface BuiltFile {
  /** Path below `/ui/`, e.g. `app-3F2A9C1B.js`. */
  path: string;
  /** The file's bytes. */
  contents: Uint8Array;
}

/** The browsers the bundle targets: evergreen ones from the last few years. */
const TARGET = ['chrome110', 'firefox115', 'safari16'];

const INNER = Symbol('inner resolve');

/**
 * @faas/contracts only defines constants and functions, but its route tables are built by calls at
 * module level, which esbuild must keep unless told the modules have no side effects. Telling it
 * drops what the UI does not use (about 8 KiB of the 57 KiB script).
 */
const contractsWithoutSideEffects: Plugin = {
  name: 'contracts-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === INNER) return undefined;
      if (args.path !== '@faas/contracts' && !/[/\\]contracts[/\\]src[/\\]/.test(args.importer))
        return undefined;
      const { kind, importer, resolveDir } = args;
      const resolved = await build.resolve(args.path, { kind, importer, resolveDir, pluginData: INNER });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, namespace: resolved.namespace, sideEffects: false };
    });
  },
};

/** Bundles `src/web` (minified, no source maps) into the files `/ui/` serves. */
export async function bundleUi(sourceDir: string = webSourceDir()): Promise<BuiltFile[]> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: { app: join(sourceDir, 'main.ts'), styles: join(sourceDir, 'styles.css') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: TARGET,
    write: false,
    outdir: '/out',
    entryNames: '[name]-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
    // The browser bundle must not pull Node built-ins in through a shared package.
    platform: 'browser',
    conditions: ['source'],
    plugins: [contractsWithoutSideEffects],
  });
  const files: BuiltFile[] = result.outputFiles.map((f) => ({
    path: basename(f.path),
    contents: f.contents,
  }));
  const script = files.find((f) => /^app-.*\.js$/.test(f.path))?.path;
  const stylesheet = files.find((f) => /^styles-.*\.css$/.test(f.path))?.path;
  if (!script || !stylesheet) throw new Error('@faas/ui: esbuild produced no app script or stylesheet');
  const template = await readFile(join(sourceDir, 'index.html'), 'utf8');
  const html = template.replaceAll('%APP_JS%', script).replaceAll('%APP_CSS%', stylesheet);
  files.push({ path: 'index.html', contents: Buffer.from(html) });
  files.push({ path: 'favicon.svg', contents: await readFile(join(sourceDir, 'favicon.svg')) });
  return files;
}
