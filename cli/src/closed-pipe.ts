import type { Writable } from 'node:stream';

/**
 * Ends the command quietly, exit code 0, when the reader of its output goes away (`faas list |
 * head -2`, `faas logs fn | grep -m1 error`): the reader has what it wanted, so a broken pipe is
 * not a failure worth a stack trace. Any other stream error is thrown as before.
 */
export function exitQuietlyOnClosedPipe(stream: Writable, exit: (code: number) => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    exit(0);
  });
}
