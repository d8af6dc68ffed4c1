/** Exit codes of the `faas` command, documented in cli/README.md. */
export const EXIT = {
  /** The command did what was asked. */
  ok: 0,
  /** The command failed: the gateway refused, a build broke, a file is invalid. */
  failure: 1,
  /** The command line itself is wrong: unknown command or flag, missing argument. */
  usage: 2,
} as const;

/** A mistake in the command line; printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on; printed as one message, exit code 1. */
export class CliError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the message (a build log, every invalid field). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}
