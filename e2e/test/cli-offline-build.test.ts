// `faas build` through a real Docker engine FROM the offline base (node + busybox, no python3):
// the python3 template fails the build with a sentence, rather than building an image that
// answers every call 500 "spawn failed: ENOENT".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { components, describeWith } from '@faas/e2e';
import { faas, repoRoot } from './cli-support.js';

describeWith([components.docker], 'faas build on the offline base', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faas-offline-build-'));
  const env = { XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };

  beforeAll(() => {
    execFileSync(join(repoRoot, 'deploy/images/offline-base.sh'), { stdio: 'ignore' });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails a python3 build on a base without python3, saying so and what to use instead', async () => {
    expect((await faas(['new', 'nopython-e2e', '--lang', 'python3', '-q'], dir, env)).code).toBe(0);
    const build = await faas(
      ['build', '--build-arg', 'BASE=faas/offline-base:latest', '--no-cache'],
      dir,
      env,
    );
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(
      'python3 template: the base image faas/offline-base:latest has no python3; build FROM an image that has it, e.g. --build-arg BASE=python:3.11-slim-bookworm',
    );
    expect(build.stderr).toMatch(/error: 1 of 1 build failed\n$/);
    expect(execFileSync('docker', ['images', '-q', 'nopython-e2e:latest'], { encoding: 'utf8' })).toBe('');
  }, 180_000);
});
