import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isTempFile, writeFileAtomic } from './atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'atomic-write-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a file whose name is as long as the filesystem allows, leaving no temp file', async () => {
    // A secret's name may be 253 characters; the file system allows 255 bytes per name.
    const name = 'a'.repeat(255);
    await writeFileAtomic(join(dir, name), 'value');
    expect(await readFile(join(dir, name), 'utf8')).toBe('value');
    expect(await readdir(dir)).toEqual([name]);
  });

  it('names its temp files so that isTempFile finds them', async () => {
    expect(isTempFile('.1a2b3c4d.tmp')).toBe(true);
    expect(isTempFile('state.json.1a2b3c4d.tmp')).toBe(true);
    expect(isTempFile('state.json')).toBe(false);
  });
});
