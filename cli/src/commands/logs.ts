import { parseDurationMs } from '@faas/contracts';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import { RFC3339_LAYOUT } from '../go-time-format.js';
import { writeLine } from '../io.js';
import { formatLogMessage } from '../log-format.js';
import type { LogOutput } from '../log-format.js';
import { flag, gatewayOptionsWith, integerValue, namespaceOption, requiredPositional } from '../options.js';
import { stringValue } from '../options.js';

/** `--since`: a duration back from now (`10m`) or an RFC 3339 time, as RFC 3339. */
export function sinceTime(raw: string, now: Date, name = 'since'): string {
  const ms = parseDurationMs(raw);
  if (ms !== undefined && name === 'since') return new Date(now.getTime() - ms).toISOString();
  const at = Date.parse(raw);
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(at)) return new Date(at).toISOString();
  throw new UsageError(
    name === 'since'
      ? `--since takes a duration (10m, 1h30m) or an RFC 3339 time, got "${raw}"`
      : `--${name} takes an RFC 3339 time (2026-01-02T15:04:05Z), got "${raw}"`,
  );
}

const OUTPUTS: LogOutput[] = ['plain', 'keyvalue', 'json'];

/**
 * `faas logs NAME`: a function's log lines as text, with faas-cli's flags and meanings:
 * `--tail` (default true) keeps following, `--lines N` limits to the last N, `--output json`
 * (or `--json`) prints the messages as the gateway sends them, for scripts.
 */
export const logsCommand: Command = {
  name: 'logs',
  summary: "print a function's logs (and follow them)",
  usage:
    'faas logs NAME [--tail=false] [--lines N] [--since 10m | --since-time RFC3339] [-o plain|keyvalue|json] [--name] [--instance] [--time-format LAYOUT] [-n NS]',
  options: {
    ...gatewayOptionsWith(namespaceOption),
    tail: {
      type: 'boolean',
      short: 't',
      default: true,
      description: 'keep printing new lines until the gateway ends the stream; --tail=false stops at the end',
    },
    follow: { type: 'boolean', description: 'same as --tail' },
    lines: { type: 'string', valueName: 'N', description: 'only the last N lines (≤ 0: all)' },
    since: {
      type: 'string',
      valueName: 'WHEN',
      description: 'only lines newer than a duration (5s, 10m) or a time',
    },
    'since-time': { type: 'string', valueName: 'TIME', description: 'only lines since an RFC 3339 time' },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'FORMAT',
      description: 'plain (default), keyvalue or json',
    },
    json: { type: 'boolean', short: 'j', description: 'same as --output json: one JSON object per line' },
    'time-format': {
      type: 'string',
      valueName: 'LAYOUT',
      description: `timestamp layout, Go style (default ${RFC3339_LAYOUT}); "" prints none`,
    },
    name: { type: 'boolean', description: "print the function's name" },
    instance: { type: 'boolean', description: 'print the replica that wrote each line' },
    replica: { type: 'string', valueName: 'ID', description: "only this replica's lines" },
  },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the function name');
    if (positionals.length > 1) {
      const extra = positionals[1]!;
      throw new UsageError(
        /^\d+$/.test(extra)
          ? `unexpected "${extra}": --tail follows the log (as in faas-cli); for the last ${extra} lines use --lines ${extra}`
          : `unexpected "${extra}"; faas logs takes one function name`,
      );
    }
    const lines = integerValue(values, 'lines', -1, Number.MIN_SAFE_INTEGER);
    const rawSince = stringValue(values, 'since');
    const rawSinceTime = stringValue(values, 'since-time');
    if (rawSince !== undefined && rawSinceTime !== undefined)
      throw new UsageError('give --since or --since-time, not both');
    const now = new Date();
    const since =
      rawSinceTime !== undefined
        ? sinceTime(rawSinceTime, now, 'since-time')
        : rawSince === undefined
          ? undefined
          : sinceTime(rawSince, now);
    const output = flag(values, 'json') ? 'json' : (stringValue(values, 'output') ?? 'plain');
    if (!OUTPUTS.includes(output as LogOutput))
      throw new UsageError(`--output must be plain, keyvalue or json, got "${output}"`);
    const format = {
      output: output as LogOutput,
      timeFormat: stringValue(values, 'time-format') ?? RFC3339_LAYOUT,
      name: flag(values, 'name'),
      instance: flag(values, 'instance'),
    };

    const gateway = await connectGateway(io, values);
    const stream = gateway.logs({
      name,
      namespace: stringValue(values, 'namespace'),
      instance: stringValue(values, 'replica'),
      tail: lines > 0 ? lines : undefined,
      since,
      follow: flag(values, 'tail') || flag(values, 'follow'),
    });
    for await (const msg of stream) writeLine(io.stdout, formatLogMessage(msg, format));
  },
};
