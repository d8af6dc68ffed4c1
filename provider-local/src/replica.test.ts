import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@faas/service-kit/testing';
import { Replica } from './replica.js';

describe('Replica', () => {
  let runDir: string;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  beforeAll(async () => {
    runDir = await mkdtemp(join(tmpdir(), 'faas-replica-'));
    process.on('unhandledRejection', onRejection);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await rm(runDir, { recursive: true, force: true });
  });

  it('turns a spawn that throws into its own failure: noted without the value, retried with back-off', async () => {
    const lines: string[] = [];
    const replica = new Replica(
      {
        instance: 'nul-1',
        command: process.execPath,
        args: ['-e', 'setTimeout(() => {}, 60000)'],
        // What an older version let into state.json: spawn() throws ERR_INVALID_ARG_VALUE.
        env: { fprocess: 'cat', X: 'a\u0000secret' },
        cwd: runDir,
        runDir,
        stopGraceMs: 1000,
      },
      { output: (_instance, line) => lines.push(line), backoffMaxMs: 100 },
    );
    replica.start();
    await until('three attempts', async () => (replica.restarts >= 3 ? true : undefined));
    await replica.stop();
    expect(replica.url).toBeUndefined();
    expect(lines[0]).toMatch(
      /^faas-local: replica could not start: .*options\.env\['X'\].* must be a string without null bytes; restarting in 250ms$/,
    );
    expect(lines[1]).toMatch(/; restarting in 100ms$/);
    expect(lines.join('\n')).not.toContain('secret');
    expect(await readdir(runDir)).toEqual([]);
    expect(rejections).toEqual([]);
  });
});
