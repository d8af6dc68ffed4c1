// A temporary project made with `faas new`, and a fake watchdog build for it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFaas } from './run-faas.js';

/** A project with the given `[name, lang]` functions; `env` points FAAS_WATCHDOG_DIR at fakes. */
export async function project(
  functions: [string, string][],
  gateway?: string,
): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = mkdtempSync(join(tmpdir(), 'faas-project-'));
  const wd = mkdtempSync(join(tmpdir(), 'faas-wd-'));
  writeFileSync(join(wd, 'fwatchdog.js'), '// bundle');
  writeFileSync(join(wd, 'fwatchdog'), 'ELF', { mode: 0o755 });
  for (const [name, lang] of functions) {
    const run = await runFaas(['new', name, '--lang', lang, ...(gateway ? ['-g', gateway] : [])], {
      cwd: dir,
    });
    if (run.code !== 0) throw new Error(run.stderr);
  }
  return { dir, env: { FAAS_WATCHDOG_DIR: wd } };
}
