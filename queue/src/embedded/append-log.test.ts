import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendLog } from './append-log.js';

describe('AppendLog', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faas-log-'));
    path = join(dir, 'q.log');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('replays what was appended, in order', async () => {
    const { log } = await AppendLog.open<{ n: number }>(path);
    await Promise.all([log.append({ n: 1 }, true), log.append({ n: 2 }, false), log.append({ n: 3 }, true)]);
    await log.close();
    const { log: again, replay } = await AppendLog.open<{ n: number }>(path);
    expect(replay).toEqual({ records: [{ n: 1 }, { n: 2 }, { n: 3 }], skipped: 0 });
    await again.close();
  });

  it('skips a torn last record and cuts it off, so the next record starts on a clean line', async () => {
    const { log } = await AppendLog.open<{ n: number }>(path);
    await log.append({ n: 1 }, true);
    await log.close();
    await appendFile(path, '1234abcd {"n":');
    const { log: again, replay } = await AppendLog.open<{ n: number }>(path);
    expect(replay).toEqual({ records: [{ n: 1 }], skipped: 1 });
    await again.append({ n: 2 }, true);
    await again.close();
    const { log: third, replay: after } = await AppendLog.open<{ n: number }>(path);
    expect(after).toEqual({ records: [{ n: 1 }, { n: 2 }], skipped: 0 });
    await third.close();
  });

  it('skips a record whose checksum does not match', async () => {
    const { log } = await AppendLog.open<{ n: number }>(path);
    await log.append({ n: 1 }, true);
    await log.append({ n: 2 }, true);
    await log.close();
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('{"n":1}', '{"n":7}'));
    const { log: again, replay } = await AppendLog.open<{ n: number }>(path);
    expect(replay).toEqual({ records: [{ n: 2 }], skipped: 1 });
    await again.close();
  });

  it('rewrites the file from a snapshot and absorbs appends that were still waiting', async () => {
    const { log } = await AppendLog.open<{ n: number }>(path);
    await log.append({ n: 1 }, true);
    const waiting = log.append({ n: 2 }, true);
    await log.rewrite(() => [{ n: 9 }]);
    await waiting;
    await log.append({ n: 10 }, true);
    expect(log.bytes).toBe((await readFile(path)).length);
    await log.close();
    const { log: again, replay } = await AppendLog.open<{ n: number }>(path);
    expect(replay.records).toEqual([{ n: 9 }, { n: 10 }]);
    await again.close();
  });

  it('rejects appends after close', async () => {
    const { log } = await AppendLog.open<{ n: number }>(path);
    await log.close();
    await expect(log.append({ n: 1 }, true)).rejects.toThrow(/closed/);
  });
});
