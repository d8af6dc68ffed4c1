import { parseDuration } from './duration.js';
import { parseByteSize } from './size.js';

/** One configuration setting: where it comes from, how it is parsed, what it means. */
export interface Setting<T> {
  /** The environment variable (OpenFaaS names where the concept is shared). */
  env: string;
  /** One line for the README's configuration table. */
  description: string;
  /** Turns the raw string into a value; throws an Error whose message names the fix. */
  parse: (raw: string) => T;
  /** Used when the variable is unset or empty; a setting without one is required. */
  default?: T;
  /** How the default reads in docs, when `String(default)` would not say it well. */
  defaultText?: string;
}

/** A process's configuration: property name → setting. */
export type ConfigTable = Record<string, Setting<unknown>>;

/** The parsed, frozen configuration a table describes. */
export type ConfigOf<T extends ConfigTable> = {
  readonly [K in keyof T]: T[K] extends Setting<infer V> ? V : never;
};

/** Every bad setting at once, each with its fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a configuration table from an environment map (never from `process.env` directly, so tests
 * pass their own). Reports every bad or missing value in one ConfigError, then freezes the result.
 */
export function loadConfig<T extends ConfigTable>(
  table: T,
  env: Record<string, string | undefined>,
): ConfigOf<T> {
  const problems: string[] = [];
  const result: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(table)) {
    const raw = env[setting.env];
    if (raw === undefined || raw.trim() === '') {
      if (!('default' in setting)) problems.push(`${setting.env}: required. ${setting.description}`);
      else result[key] = setting.default;
      continue;
    }
    try {
      result[key] = setting.parse(raw);
    } catch (err) {
      problems.push(`${setting.env}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(result) as ConfigOf<T>;
}

/** Renders a table as Markdown rows (`| variable | default | meaning |`) for the README. */
export function describeConfig(table: ConfigTable): string {
  const rows = Object.values(table).map((s) => {
    const def = s.defaultText ?? ('default' in s ? String(s.default ?? '') : 'required');
    return `| \`${s.env}\` | ${def === '' ? '—' : `\`${def}\``} | ${s.description} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** Parsers for the kinds of values our settings take. */
export const parse = {
  string: (raw: string): string => raw.trim(),
  duration: parseDuration,
  byteSize: parseByteSize,
  boolean(raw: string): boolean {
    const v = raw.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(v)) return true;
    if (['false', '0', 'no', 'off'].includes(v)) return false;
    throw new Error(`"${raw}" is not a boolean, use true or false`);
  },
  integer(min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
    return (raw) => {
      const n = Number(raw.trim());
      if (!Number.isInteger(n) || n < min || n > max) {
        throw new Error(`"${raw}" is not a whole number between ${min} and ${max}`);
      }
      return n;
    };
  },
  oneOf<T extends string>(values: readonly T[]): (raw: string) => T {
    return (raw) => {
      const v = raw.trim() as T;
      if (!values.includes(v)) throw new Error(`"${raw}" is not one of ${values.join(', ')}`);
      return v;
    };
  },
  url(raw: string): string {
    try {
      const u = new URL(raw.trim());
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http');
      return u.toString().replace(/\/$/, '');
    } catch {
      throw new Error(`"${raw}" is not an http(s) URL, use e.g. http://127.0.0.1:8081`);
    }
  },
};
