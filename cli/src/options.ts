import type { OptionValues, OptionTable } from './command.js';
import { UsageError } from './errors.js';

/** Flags every command accepts. */
export const globalOptions: OptionTable = {
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** Where the gateway URL comes from, in order (`faas --help` and cli/README say the same). */
export const GATEWAY_RULE =
  "--gateway URL, else $OPENFAAS_URL, else the stack file's provider.gateway (-f FILE, else ./stack.yml or ./stack.yaml when present), else http://127.0.0.1:8080";

/** Flags of every command that talks to a gateway (faas-cli's names and meanings). */
export const gatewayOptions: OptionTable = {
  gateway: {
    type: 'string',
    short: 'g',
    valueName: 'URL',
    description:
      "gateway URL (else $OPENFAAS_URL, else the stack file's provider.gateway, else http://127.0.0.1:8080)",
  },
  yaml: {
    type: 'string',
    short: 'f',
    valueName: 'FILE',
    description: 'stack file whose provider.gateway is used (default ./stack.yml, else ./stack.yaml)',
  },
  token: {
    type: 'string',
    short: 'k',
    valueName: 'TOKEN',
    description: 'send this Bearer token instead of the credentials saved by `faas login`',
  },
  'tls-no-verify': { type: 'boolean', description: "do not check the gateway's TLS certificate" },
};

/** The gateway flag plus other option groups, merged. */
export function gatewayOptionsWith(...groups: OptionTable[]): OptionTable {
  return Object.assign({}, gatewayOptions, ...groups) as OptionTable;
}

/** `--json`: machine-readable output. */
export const jsonOption: OptionTable = {
  json: { type: 'boolean', description: 'print JSON for scripts' },
};

/** `-n/--namespace`. */
export const namespaceOption: OptionTable = {
  namespace: { type: 'string', short: 'n', valueName: 'NS', description: "the functions' namespace" },
};

/** Flags of commands that read a stack file. */
export const stackOptions: OptionTable = {
  yaml: {
    type: 'string',
    short: 'f',
    valueName: 'FILE',
    description: 'stack file (default ./stack.yml, else ./stack.yaml)',
  },
  filter: {
    type: 'string',
    valueName: 'GLOB',
    description: 'only functions whose name matches (wildcard *)',
  },
  regex: {
    type: 'string',
    valueName: 'REGEX',
    description: 'only functions whose name matches this regular expression',
  },
};

/** A string flag's value, or undefined. */
export function stringValue(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) return v.length ? String(v[v.length - 1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable string flag's values. */
export function listValue(values: OptionValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' ? [v] : [];
}

/** A boolean flag. */
export function flag(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** An integer flag within bounds, or the fallback when absent; a usage error when malformed. */
export function integerValue(
  values: OptionValues,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = stringValue(values, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** `key=value` pairs (`--env`, `--label`, `--build-arg`) into a map; a usage error without `=`. */
export function keyValues(values: OptionValues, name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of listValue(values, name)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${name} takes key=value, got "${item}"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** The one positional argument a command needs, or a usage error naming it. */
export function requiredPositional(positionals: string[], index: number, what: string): string {
  const v = positionals[index];
  if (v === undefined || v === '') throw new UsageError(`missing ${what}`);
  return v;
}
