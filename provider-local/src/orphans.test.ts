import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@faas/service-kit';
import { stopOrphans } from './orphans.js';

describe('stopOrphans', () => {
  it('stops a left-over watchdog named in a pid file, leaves other pids alone, and removes the files', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'faas-run-'));
    const marker = join(runDir, 'fake-watchdog-entry.js');
    const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], {
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      orphan.once('exit', (_code, signal) => resolve(signal)),
    );
    await writeFile(join(runDir, 'f-1.pid'), `${orphan.pid}\n`);
    await writeFile(join(runDir, 'f-2.pid'), `${process.pid}\n`);
    const logger = new MemoryLogger();
    expect(await stopOrphans(runDir, ['/no/such/entry.js', marker], logger)).toBe(1);
    await expect(exited).resolves.toBe('SIGTERM');
    expect(await readdir(runDir)).toEqual([]);
    expect(logger.entries.map((e) => e.msg)).toEqual(['stopped replicas left over from a previous run']);
  });
});
