// `npm run build -w @faas/ui` (part of the root build): bundles src/web into dist/web, for installs
// without esbuild, and prints the total size in one line; `-- --sizes` prints each file, raw and
// gzip-compressed (what a browser downloads).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleUi } from '../bundle.js';
import { prebuiltDir } from '../package-root.js';

async function main(): Promise<void> {
  const started = performance.now();
  const files = await bundleUi();
  const dir = prebuiltDir();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  let raw = 0;
  let gzip = 0;
  const rows: string[] = [];
  for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
    await writeFile(join(dir, file.path), file.contents);
    const compressed = gzipSync(file.contents, { level: 9 }).length;
    raw += file.contents.length;
    gzip += compressed;
    rows.push(
      `  ${file.path.padEnd(24)} ${kb(file.contents.length).padStart(9)} ${kb(compressed).padStart(9)} gzip`,
    );
  }
  const ms = Math.round(performance.now() - started);
  const where = relative(process.cwd(), dir) || dir;
  console.log(`@faas/ui: ${where}, ${kb(raw)} (${kb(gzip)} gzip) in ${files.length} files, ${ms} ms`);
  if (process.argv.includes('--sizes')) console.log(rows.join('\n'));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

main().catch((err: unknown) => {
  console.error(`@faas/ui build: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
