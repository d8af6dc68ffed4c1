// What a fresh clone's `npm ci` does: no warning we could avoid, and every `npx NAME` the READMEs
// show linked to a committed executable (npm links a bin only when its file exists at install
// time, before anything is built). The real `npm ci` and `npm install -g ./cli` run in e2e.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };

/** Every workspace's package.json, by folder. */
function workspaces(): { dir: string; manifest: { name: string; bin?: Record<string, string> } }[] {
  return rootPackage.workspaces.map((dir) => ({
    dir,
    manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')),
  }));
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, npm_config_loglevel: 'warn' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('a fresh install', () => {
  it('npm ci (dry run, from the lock alone) prints no warning: no EBADENGINE, no unreviewed install scripts', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'faas-npm-ci-'));
    const files = [
      'package.json',
      'package-lock.json',
      ...rootPackage.workspaces.map((w) => `${w}/package.json`),
    ];
    for (const file of files) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(root, file), join(copy, file));
    }
    const cache = mkdtempSync(join(tmpdir(), 'faas-npm-cache-'));
    const result = await run(
      'npm',
      ['ci', '--dry-run', '--offline', '--no-audit', '--no-fund', '--cache', cache],
      copy,
    );
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/added \d+ packages/);
    expect(result.output.split('\n').filter((line) => /^npm (warn|WARN|ERR)/.test(line))).toEqual([]);
  }, 120_000);

  it('links every `npx NAME` the READMEs show to a committed, executable workspace bin', () => {
    const bins = new Map(
      workspaces().flatMap(({ dir, manifest }) =>
        Object.entries(manifest.bin ?? {}).map(([name, file]) => [name, join(dir, file)] as const),
      ),
    );
    const readmes = ['README.md', 'cli/README.md', 'contracts/README.md'];
    const shown = new Set(
      readmes.flatMap((file) =>
        [...readFileSync(join(root, file), 'utf8').matchAll(/\bnpx (?:--no-install )?([a-z][\w-]*)/g)].map(
          (m) => m[1]!,
        ),
      ),
    );
    expect([...shown].sort()).toEqual(expect.arrayContaining(['faas', 'faas-conformance']));
    for (const name of shown) {
      const file = bins.get(name);
      expect({ name, file }).toEqual({ name, file: expect.any(String) });
      const tracked = execFileSync('git', ['ls-files', '--', file!], { cwd: root, encoding: 'utf8' }).trim();
      expect({ name, tracked }).toEqual({ name, tracked: file });
      expect(() => accessSync(join(root, file!), constants.X_OK)).not.toThrow();
      expect(readFileSync(join(root, file!), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
  });
});
