// Installing faas as a user does: a real `npm ci` of a fresh copy (no avoidable warning, the
// READMEs' `npx` commands linked), `npm install -g ./cli` (a `faas` command that works from any
// folder, and ends quietly when piped into `head`), and `npx faas-conformance` in the repository.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './cli-support.js';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

const warnings = (output: string) => output.split('\n').filter((line) => /^npm (warn|WARN|ERR)/.test(line));

describe('installing faas', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faas-install-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('npm ci of a fresh copy prints no warning and links `faas` and `faas-conformance`', async () => {
    const copy = join(dir, 'clone');
    const tracked = execFileSync(
      'git',
      ['ls-files', 'package.json', 'package-lock.json', '*/package.json', '*/bin/*'],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter(Boolean);
    for (const file of tracked) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      copyFileSync(join(repoRoot, file), join(copy, file));
    }
    const ci = await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], copy);
    expect(ci.code).toBe(0);
    expect(warnings(ci.stdout + ci.stderr)).toEqual([]);
    const bin = join(copy, 'node_modules', '.bin');
    expect(readlinkSync(join(bin, 'faas'))).toBe('../@faas/cli/bin/faas.js');
    expect(readlinkSync(join(bin, 'faas-conformance'))).toBe('../@faas/contracts/bin/faas-conformance.js');
  }, 600_000);

  it('npx faas-conformance runs the kit in the repository', async () => {
    const kit = await run('npx', ['--no-install', 'faas-conformance'], repoRoot);
    expect(kit.code).toBe(2);
    expect(kit.stdout + kit.stderr).toContain('Usage: faas-conformance --url <provider URL>');
  });

  describe('npm install -g ./cli', () => {
    const prefix = join(dir, 'global');
    const faasBin = join(prefix, 'bin', 'faas');
    let gateway: Server;
    let url: string;

    beforeAll(async () => {
      const install = await run(
        'npm',
        ['install', '-g', '--prefix', prefix, './cli', '--no-audit', '--no-fund'],
        repoRoot,
      );
      expect(install).toMatchObject({ code: 0 });
      expect(warnings(install.stdout + install.stderr)).toEqual([]);
      // Enough functions that `faas list` outlives a `head -2` reading the first lines.
      const functions = Array.from({ length: 4000 }, (_, i) => ({
        name: `fn-${String(i).padStart(4, '0')}`,
        image: 'faas/cat',
        invocationCount: i,
        replicas: 1,
        availableReplicas: 1,
      }));
      gateway = createServer((_req, res) => {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(functions));
      });
      await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    }, 120_000);

    afterAll(() => new Promise((resolve) => gateway?.close(resolve)));

    it('puts a `faas` on PATH that works from any folder', async () => {
      const elsewhere = mkdtempSync(join(dir, 'elsewhere-'));
      const env = {
        PATH: `${join(prefix, 'bin')}:${process.env.PATH}`,
        XDG_CONFIG_HOME: join(dir, 'config'),
      };
      expect(await run('faas', ['--version'], elsewhere, env)).toEqual({
        code: 0,
        stdout: '0.1.0\n',
        stderr: '',
      });
      const created = await run('faas', ['new', 'hello', '--lang', 'bash'], elsewhere, env);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain('Write your function in hello/handler.sh');
      expect(readlinkSync(faasBin)).toBe('../lib/node_modules/@faas/cli/bin/faas.js');
    });

    it('ends quietly, exit 0, when piped into head', async () => {
      const piped = await run('bash', ['-o', 'pipefail', '-c', `"${faasBin}" list -g ${url} | head -2`], dir);
      expect(piped).toEqual({
        code: 0,
        stdout: 'Function  Invocations  Replicas\nfn-0000   0            1\n',
        stderr: '',
      });
    });
  });
});
