import { CliError } from '../errors.js';

/** One problem in a stack file, located by line and field. */
export interface StackProblem {
  /** The file it is in. */
  file: string;
  /** 1-based line; 0 when unknown. */
  line: number;
  /** Dotted field path, e.g. `functions.hello.limits.memory`. */
  field: string;
  /** What is wrong and, where possible, the fix. */
  message: string;
}

/** `stack.yml:7: functions.hello.image: required`. */
export function formatProblem(p: StackProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  return p.field ? `${where}: ${p.field}: ${p.message}` : `${where}: ${p.message}`;
}

/** A stack file that cannot be used; lists every problem at once. */
export class StackError extends CliError {
  constructor(
    file: string,
    /** Every problem found. */
    readonly problems: readonly StackProblem[],
  ) {
    super(
      `${file} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`,
      problems.map(formatProblem),
    );
    this.name = 'StackError';
  }
}
