// The e2e environment (e2e/open-handles-environment.js) fails a suite that leaves a process, a
// socket or a server behind, and names it; a suite that cleans up passes. Checked on two fixture
// suites, each run by a Jest of its own.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './cli-support.js';

function runFixture(name: string): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--no-warnings=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--config',
      'jest.e2e.config.js',
      '--testMatch',
      `**/e2e/test/fixtures/${name}.fixture.ts`,
      // The leaking fixture keeps its Jest from exiting, by design.
      '--forceExit',
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, FAAS_E2E_HANDLE_GRACE_MS: '500' },
      timeout: 120_000,
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the open-handles check of the e2e suites', () => {
  it('fails a suite that leaves a server and a child process, naming them', () => {
    const { status, output } = runFixture('leaves-a-server');
    expect(status).toBe(1);
    expect(output).toMatch(/the suite left .*TCPServerWrap.* open 500 ms after its last hook/);
    expect(output).toMatch(/ProcessWrap/);
    expect(output).toMatch(/server listening on \{"address":"127\.0\.0\.1"/);
    expect(output).toMatch(/child process \d+: sleep 30/);
  }, 150_000);

  it('passes a suite that closes what it opened', () => {
    const { status, output } = runFixture('closes-its-server');
    expect(output).not.toMatch(/the suite left/);
    expect(status).toBe(0);
  }, 150_000);
});
