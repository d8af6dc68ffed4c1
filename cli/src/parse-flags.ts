import type { OptionTable, OptionValues } from './command.js';
import { UsageError } from './errors.js';

/** A command line split into flag values and positional arguments. */
export interface ParsedArgs {
  /** Flag values by long name; flags with a `default` are always present. */
  values: OptionValues;
  /** Arguments that are not flags, in order (everything after `--` too). */
  positionals: string[];
}

// Go's strconv.ParseBool, which faas-cli's flags use for `--tail=false`.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Parses flags the way faas-cli (cobra/pflag) does, so its habits carry over: `--name value`,
 * `--name=value`, `-n value`, `-nvalue`, `-n=value`; a string flag takes the next word even when
 * it starts with a dash (`--lines -1`); a boolean is `--flag` or `--flag=true|false`, so one
 * that defaults to true can be turned off; short booleans combine (`-vq`); `--` ends the flags.
 * Every mistake is a UsageError that names the flag.
 */
export function parseFlags(args: readonly string[], options: OptionTable): ParsedArgs {
  const byShort = new Map(
    Object.entries(options).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])),
  );
  const values: OptionValues = {};
  for (const [name, spec] of Object.entries(options))
    if (spec.default !== undefined) values[name] = spec.default;
  const given = new Set<string>();
  const positionals: string[] = [];

  const set = (name: string, shown: string, inline: string | undefined, rest: () => string | undefined) => {
    const spec = options[name]!;
    let value: string | boolean;
    if (spec.type === 'boolean') {
      if (inline === undefined) value = true;
      else if (TRUE.has(inline)) value = true;
      else if (FALSE.has(inline)) value = false;
      else throw new UsageError(`${shown} takes true or false, got "${inline}"`);
    } else {
      const next = inline ?? rest();
      if (next === undefined) throw new UsageError(`${shown} needs a value (${spec.valueName ?? 'VALUE'})`);
      value = next;
    }
    if (spec.multiple) {
      const previous = given.has(name) ? (values[name] as (string | boolean)[]) : [];
      values[name] = [...previous, value];
    } else values[name] = value;
    given.add(name);
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = () => (i + 1 < args.length ? args[++i] : undefined);
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (!Object.hasOwn(options, name)) throw new UsageError(`unknown flag --${name}`);
      set(name, `--${name}`, eq < 0 ? undefined : arg.slice(eq + 1), next);
    } else if (arg.startsWith('-') && arg.length > 1) {
      // -vq (booleans), -n value, -nvalue, -n=value
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const name = byShort.get(letter);
        if (name === undefined)
          throw new UsageError(`unknown flag -${letter}${arg.length > 2 ? ` (in ${arg})` : ''}`);
        const after = arg.slice(j + 1);
        if (options[name]!.type === 'boolean' && !after.startsWith('=')) {
          set(name, `-${letter}`, undefined, next);
          continue;
        }
        set(name, `-${letter}`, after === '' ? undefined : after.replace(/^=/, ''), next);
        break;
      }
    } else positionals.push(arg);
  }
  return { values, positionals };
}
