import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';

describe('exitQuietlyOnClosedPipe', () => {
  it('exits 0 once the reader of a real pipe has gone', async () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'faas-pipe-')), 'out');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('head', ['-c', '1', fifo], { stdio: 'ignore' });
    const out = createWriteStream(fifo);
    const exited = new Promise<number>((resolve) => exitQuietlyOnClosedPipe(out, resolve));
    out.write('x');
    await new Promise((resolve) => reader.on('exit', resolve));
    out.write('more than head wanted\n');
    await expect(exited).resolves.toBe(0);
  });

  it('lets any other stream error through', () => {
    const out = createWriteStream(join(mkdtempSync(join(tmpdir(), 'faas-pipe-')), 'file'));
    exitQuietlyOnClosedPipe(out, () => {});
    const err = Object.assign(new Error('disk on fire'), { code: 'EIO' });
    expect(() => out.emit('error', err)).toThrow('disk on fire');
    out.destroy();
  });
});
