// Bundles the gateway process (src/main.ts and every dependency) into one ES module,
// dist/gateway.mjs, and the web UI's files into dist/ui/ beside it, for the container image (see
// Dockerfile). No prior tsc needed.
// Usage: node gateway/build.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { bundleService } from '../deploy/images/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ui = join(here, '..', 'ui');
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

await bundleService({
  name: 'gateway',
  entry: join(here, 'src', 'main.ts'),
  outfile: join(here, 'dist', 'gateway.mjs'),
  // Only require(), as the gateway bundle has always had (pino reads __dirname only for transports).
  dirname: false,
  define: {
    FAAS_GATEWAY_RELEASE: JSON.stringify(version),
    // @faas/ui reads its files from dist/ui beside the bundle (ui/src/package-root.ts).
    FAAS_UI_FILES_BESIDE_BUNDLE: JSON.stringify('ui'),
  },
});

// The UI's own bundler (ui/src/bundle.ts) is TypeScript: compile it to a throwaway module, then
// let it build the browser files into dist/ui.
const bundler = join(here, 'dist', '.ui-bundler.mjs');
await build({
  entryPoints: [join(ui, 'src', 'bundle.ts')],
  outfile: bundler,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
try {
  const { bundleUi } = await import(pathToFileURL(bundler).href);
  const out = join(here, 'dist', 'ui');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const files = await bundleUi(join(ui, 'src', 'web'));
  for (const file of files) writeFileSync(join(out, file.path), file.contents);
  process.stdout.write(`gateway: web UI, ${files.length} files in ${out}\n`);
} finally {
  rmSync(bundler, { force: true });
}
