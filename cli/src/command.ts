import type { CliIo } from './io.js';

/** One flag a command accepts, as `node:util` parseArgs takes it plus words for `--help`. */
export interface OptionSpec {
  /** `string` takes a value; `boolean` is a switch. */
  type: 'string' | 'boolean';
  /** One-letter alias (`-f`). */
  short?: string;
  /** May be given several times (`--header a=b --header c=d`). */
  multiple?: boolean;
  /** What it does, one line, for `--help`. */
  description: string;
  /** The value's placeholder in `--help` (`URL`, `N`). */
  valueName?: string;
  /** The value when the flag is not given (a boolean that defaults to true is turned off with `--flag=false`). */
  default?: string | boolean;
}

/** Flags by long name. */
export type OptionTable = Record<string, OptionSpec>;

/** Parsed flag values by long name. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command's `run` receives. */
export interface CommandInput {
  /** The process's streams and environment. */
  io: CliIo;
  /** Flag values. */
  values: OptionValues;
  /** Arguments that are not flags, after the command (and sub-command) name. */
  positionals: string[];
}

/** One `faas` command: a name, its flags, and what it does. */
export interface Command {
  /** The word after `faas` (`list`). */
  name: string;
  /** Other words that mean the same (`ls`). */
  aliases?: string[];
  /** One line for `faas --help`. */
  summary: string;
  /** The synopsis line(s) for `faas <name> --help`. */
  usage: string;
  /** Flags of this command (global flags are added by the runner). */
  options: OptionTable;
  /** Does the work; returns the exit code (0 when nothing is returned). */
  run(input: CommandInput): Promise<number | void>;
  /** Sub-commands chosen by the next word (`faas secret create`); `run` is then not called. */
  subcommands?: Command[];
}
