import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { OptionValues } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { parseStack } from './parse-stack.js';
import type { Stack, StackFunction } from './stack.js';

/** A stack file and the functions a command works on. */
export interface LoadedStack {
  /** The whole stack. */
  stack: Stack;
  /** Its functions after `--filter`. */
  functions: StackFunction[];
}

/** The stack file a command means: `-f FILE`, else ./stack.yml, else ./stack.yaml. */
export function stackPath(io: CliIo, values: OptionValues): string | undefined {
  const given = stringValue(values, 'yaml');
  if (given) return resolve(io.cwd, given);
  for (const name of ['stack.yml', 'stack.yaml'])
    if (existsSync(resolve(io.cwd, name))) return resolve(io.cwd, name);
  return undefined;
}

/** Whether a name matches a `--filter` glob (`*` is any run of characters). */
export function matchesFilter(name: string, glob: string | undefined): boolean {
  if (!glob) return true;
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(name);
}

/** `--regex` as a RegExp (unanchored, as faas-cli's); a usage error when it does not compile. */
function regexValue(values: OptionValues): RegExp | undefined {
  const raw = stringValue(values, 'regex');
  if (raw === undefined) return undefined;
  try {
    return new RegExp(raw);
  } catch (err) {
    throw new UsageError(`--regex "${raw}" is not a regular expression: ${(err as Error).message}`);
  }
}

/**
 * Reads the stack file for a command, prints its warnings, applies `--filter`. Returns undefined
 * when there is no stack file and it is not required; a missing `-f` file is always an error.
 */
export async function loadStackForCommand(
  io: CliIo,
  values: OptionValues,
  { required }: { required: boolean },
): Promise<LoadedStack | undefined> {
  const path = stackPath(io, values);
  if (!path) {
    if (required)
      throw new CliError(
        'no stack file: ./stack.yml not found (use -f FILE, or `faas new NAME --lang LANG`)',
      );
    return undefined;
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read stack file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const stack = parseStack(text, { path, env: io.env, displayName: relative(io.cwd, path) || path });
  const out = new Printer(io);
  for (const warning of stack.warnings) out.warn(warning);
  const filter = stringValue(values, 'filter');
  const regex = regexValue(values);
  const functions = stack.functions.filter(
    (f) => matchesFilter(f.name, filter) && (!regex || regex.test(f.name)),
  );
  if ((filter || regex) && functions.length === 0)
    throw new CliError(
      `no function in ${path} matches ${[filter && `--filter ${filter}`, regex && `--regex ${regex.source}`].filter(Boolean).join(' and ')}`,
    );
  return { stack, functions };
}
