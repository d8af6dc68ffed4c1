import type { ReadStream } from 'node:tty';
import type { CliIo } from './io.js';
import { CliError } from './errors.js';

/**
 * Prompts for a password on a terminal without echoing it: raw mode, characters collected until
 * Enter, backspace honoured, Ctrl-C and Ctrl-D abort.
 */
export function promptPassword(io: CliIo, prompt = 'Password: '): Promise<string> {
  const input = io.stdin as ReadStream;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003' || ch === '\u0004') return finish(new CliError('login cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.setRawMode?.(true);
    input.resume();
    input.on('data', onData);
  });
}
