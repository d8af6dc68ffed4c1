import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../io.js';
import { Progress } from './progress.js';

function io(tty: boolean): { io: CliIo; output: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString()));
  const value: CliIo = {
    stdout,
    stderr: new PassThrough(),
    stdin: Readable.from([]),
    stdoutIsTTY: tty,
    stdinIsTTY: false,
    env: { NO_COLOR: '1' },
    cwd: '/',
  };
  return { io: value, output: () => text };
}

describe('Progress', () => {
  it('prints starts, Dockerfile steps and ends once each, prefixed, when not on a terminal', () => {
    const { io: cli, output } = io(false);
    const p = new Progress(cli, ['a']);
    p.start('a', 'building a:latest');
    p.update('a', 'Step 1/2 : FROM x');
    p.update('a', ' ---> 1234');
    p.done('a', 'built a:latest in 1.0s');
    p.stop();
    expect(output()).toBe('[a] building a:latest\n[a] Step 1/2 : FROM x\n[a] built a:latest in 1.0s\n');
  });

  it('redraws one line per function in place on a terminal', () => {
    const { io: cli, output } = io(true);
    const p = new Progress(cli, ['a', 'bb']);
    p.done('a', 'built');
    p.fail('bb', 'failed: boom');
    p.stop();
    expect(output()).toBe(
      '\u001b[2K✔ a   built\n\u001b[2K· bb  waiting\n' +
        '\u001b[2A\u001b[2K✔ a   built\n\u001b[2K✘ bb  failed: boom\n' +
        '\u001b[2A\u001b[2K✔ a   built\n\u001b[2K✘ bb  failed: boom\n',
    );
  });
});
