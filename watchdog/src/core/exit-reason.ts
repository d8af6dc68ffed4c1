// How a function process ended, in the words of Go's os/exec: the Go watchdogs answer a failed
// call with 500 and `err.Error()`, and functions, tests and people's scripts read it. Both
// runtimes word it here.

/** Go's names of the signals a function may die of (`syscall.Signal.String()` on Linux). */
const GO_SIGNALS: Record<string, string> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGILL: 'illegal instruction',
  SIGTRAP: 'trace/breakpoint trap',
  SIGABRT: 'aborted',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGKILL: 'killed',
  SIGUSR1: 'user defined signal 1',
  SIGSEGV: 'segmentation fault',
  SIGUSR2: 'user defined signal 2',
  SIGPIPE: 'broken pipe',
  SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
  SIGXCPU: 'CPU time limit exceeded',
  SIGXFSZ: 'file size limit exceeded',
};

/** strerror(3) of the errors a spawn meets, as Go prints them. */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOEXEC: 'exec format error',
  ENOTDIR: 'not a directory',
  E2BIG: 'argument list too long',
  ENOMEM: 'cannot allocate memory',
};

/** `exit status 3`, `signal: killed`; undefined for exit status 0. */
export function exitReason(code: number | null, signal: string | null): string | undefined {
  if (signal !== null) return `signal: ${GO_SIGNALS[signal] ?? signal}`;
  return code === 0 ? undefined : `exit status ${code ?? -1}`;
}

/**
 * Why `command` could not be started: `exec: "cmd": executable file not found in $PATH` for a
 * name not on the PATH, else `fork/exec /path/cmd: no such file or directory` (or the error's
 * own words for an errno Go's table here lacks).
 */
export function startFailure(command: string, err: { code?: unknown; message: string }): string {
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'ENOENT' && !command.includes('/'))
    return `exec: "${command}": executable file not found in $PATH`;
  return `fork/exec ${command}: ${ERRNO_TEXT[code] ?? err.message}`;
}

/** Why a process failed — it could not start, exited non-zero or died of a signal — or undefined. */
export function failureOf(
  command: string,
  exit: { code: number | null; signal: string | null; error?: Error },
): string | undefined {
  return exit.error ? startFailure(command, exit.error) : exitReason(exit.code, exit.signal);
}
