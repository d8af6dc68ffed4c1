import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDir } from './dir-lock.js';

const inUse = (owner: number) => `the test directory is in use by process ${owner}`;

describe('lockDir', () => {
  it('refuses a second claim while held, with the sentence naming the owner, and allows one after release', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faas-lock-'));
    const release = await lockDir(dir, inUse);
    expect(await readFile(join(dir, 'LOCK'), 'utf8')).toBe(String(process.pid));
    await expect(lockDir(dir, inUse)).rejects.toThrow(
      `the test directory is in use by process ${process.pid}`,
    );
    await release();
    expect(await readdir(dir)).toEqual([]);
    await (
      await lockDir(dir, inUse)
    )();
  });

  it('refuses a lock held by another live process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faas-lock-'));
    await writeFile(join(dir, 'LOCK'), String(process.ppid));
    await expect(lockDir(dir, inUse)).rejects.toThrow(`in use by process ${process.ppid}`);
    expect(await readFile(join(dir, 'LOCK'), 'utf8')).toBe(String(process.ppid));
  });

  it.each([
    ['a process that is gone', () => spawnSync(process.execPath, ['-e', '']).pid],
    ['this process, which does not hold it (a restarted container)', () => process.pid],
    ['nothing readable', () => 'garbage'],
  ])('takes over a lock left by %s', async (_what, owner) => {
    const dir = await mkdtemp(join(tmpdir(), 'faas-lock-'));
    await writeFile(join(dir, 'LOCK'), String(owner()));
    const release = await lockDir(dir, inUse);
    expect(await readFile(join(dir, 'LOCK'), 'utf8')).toBe(String(process.pid));
    await release();
  });
});
