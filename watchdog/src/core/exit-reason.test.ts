import { exitReason, failureOf, startFailure } from './exit-reason.js';

describe('exitReason', () => {
  it.each<[number | null, string | null, string | undefined]>([
    [0, null, undefined],
    [3, null, 'exit status 3'],
    [null, 'SIGKILL', 'signal: killed'],
    [null, 'SIGSEGV', 'signal: segmentation fault'],
    [null, 'SIGTERM', 'signal: terminated'],
    [null, 'SIGWINCH', 'signal: SIGWINCH'],
  ])('words exit code %p and signal %p as Go does: %p', (code, signal, words) => {
    expect(exitReason(code, signal)).toBe(words);
  });
});

describe('startFailure', () => {
  it.each([
    ['nope', 'ENOENT', 'exec: "nope": executable file not found in $PATH'],
    ['/bin/nope', 'ENOENT', 'fork/exec /bin/nope: no such file or directory'],
    ['/etc/passwd', 'EACCES', 'fork/exec /etc/passwd: permission denied'],
    ['./x', 'EWEIRD', 'fork/exec ./x: spawn ./x EWEIRD'],
  ])('words %s failing with %s as Go does', (command, code, words) => {
    expect(startFailure(command, Object.assign(new Error(`spawn ${command} ${code}`), { code }))).toBe(words);
  });
});

describe('failureOf', () => {
  it('prefers the start failure, then the exit', () => {
    const error = Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT' });
    expect(failureOf('x', { code: null, signal: null, error })).toMatch(/^exec: "x"/);
    expect(failureOf('x', { code: 0, signal: null })).toBeUndefined();
  });
});
