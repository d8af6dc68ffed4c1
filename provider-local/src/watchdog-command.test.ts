import { bunBinary, watchdogBunEntryPath, watchdogEntryPath } from '@faas/watchdog';
import { watchdogCommand } from './watchdog-command.js';

describe('watchdogCommand', () => {
  const saved = process.env.BUN_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.BUN_PATH;
    else process.env.BUN_PATH = saved;
  });

  it('runs replicas on Bun by default when npm installed it and the Bun bundle is built', () => {
    // `npm test` builds first, and npm installs Bun on linux x64/arm64: both must hold here.
    expect(bunBinary()).toBeDefined();
    const command = watchdogCommand('');
    expect(command.command).toBe(bunBinary());
    expect(command.args).toEqual([watchdogBunEntryPath()]);
  });

  it('falls back to Node when no Bun executable is found', () => {
    process.env.BUN_PATH = '/nonexistent/bun';
    const command = watchdogCommand('');
    expect(command.command).toBe(process.execPath);
    expect(command.args).toEqual([watchdogEntryPath()]);
  });

  it('runs a configured watchdog_path on Node, and Node when asked for', () => {
    expect(watchdogCommand(watchdogEntryPath()).command).toBe(process.execPath);
    expect(watchdogCommand('', 'node')).toMatchObject({
      command: process.execPath,
      args: [watchdogEntryPath()],
    });
  });

  it('refuses watchdog_runtime=bun without a Bun executable, saying how to get one', () => {
    process.env.BUN_PATH = '/nonexistent/bun';
    expect(() => watchdogCommand('', 'bun')).toThrow(/no Bun executable.*BUN_PATH/);
  });

  it('lists both runtimes’ entries, so replicas of either are found after a crash', () => {
    expect(watchdogCommand('').entries).toEqual(
      expect.arrayContaining([watchdogEntryPath(), watchdogBunEntryPath()]),
    );
  });
});
