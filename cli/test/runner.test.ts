import { runFaas } from './run-faas.js';

describe('the faas runner', () => {
  it('prints every command for --help and exits 0', async () => {
    const run = await runFaas(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^faas: build, deploy and invoke functions/);
    for (const name of [
      'list',
      'describe',
      'invoke',
      'remove',
      'logs',
      'scale',
      'secret',
      'namespaces',
      'login',
      'ready',
      'version',
    ])
      expect(run.stdout).toMatch(new RegExp(`\\n  ${name} +\\S`));
    expect(run.stdout).toContain('Exit codes: 0 ok, 1 failure, 2 usage error.');
  });

  it('prints help on stderr and exits 2 without a command', async () => {
    const run = await runFaas([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^faas: build/);
  });

  it.each([
    [['brew'], 'error: unknown command "brew"; `faas --help` lists them\n'],
    [['list', '--bogus'], /^error: unknown flag --bogus\n\nfaas list: list deployed functions/],
    [['scale', '--replicas'], /^error: --replicas needs a value \(N\)\n/],
    [['list', '--verbose=maybe'], /^error: --verbose takes true or false, got "maybe"\n/],
  ])('exits 2 for %j', async (args, message) => {
    const run = await runFaas(args);
    expect(run.code).toBe(2);
    if (typeof message === 'string') expect(run.stderr).toBe(message);
    else expect(run.stderr).toMatch(message);
  });

  it("prints one command's flags for CMD --help and help CMD", async () => {
    const a = await runFaas(['invoke', '--help']);
    const b = await runFaas(['help', 'invoke']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('  -H, --header K=V');
    expect(a.stdout).toContain('request header (repeatable)');
  });

  it('prints the version for --version', async () => {
    expect(await runFaas(['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('colours errors only on a terminal', async () => {
    const tty = await runFaas(['brew'], { stdoutIsTTY: true });
    expect(tty.stderr).toContain('\u001b[31merror:\u001b[0m');
    const noColour = await runFaas(['brew'], { stdoutIsTTY: true, env: { NO_COLOR: '1' } });
    expect(noColour.stderr).toMatch(/^error:/);
  });
});
