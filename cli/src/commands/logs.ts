import { parseDurationMs } from '@faas/contracts';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import { writeLine } from '../io.js';
import { flag, gatewayOptionsWith, integerValue, namespaceOption, requiredPositional } from '../options.js';
import { stringValue } from '../options.js';

/** `--since`: a duration back from now (`10m`) or an RFC 3339 time, as RFC 3339. */
export function sinceTime(raw: string, now: Date): string {
  const ms = parseDurationMs(raw);
  if (ms !== undefined) return new Date(now.getTime() - ms).toISOString();
  const at = Date.parse(raw);
  if (/^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(at)) return new Date(at).toISOString();
  throw new UsageError(`--since takes a duration (10m, 1h30m) or an RFC 3339 time, got "${raw}"`);
}

/** `faas logs NAME`: prints a function's log lines, and with `--follow` keeps printing new ones. */
export const logsCommand: Command = {
  name: 'logs',
  summary: "print a function's logs",
  usage: 'faas logs NAME [--follow] [--tail N] [--since 10m|RFC3339] [--instance ID] [-n NS] [--json]',
  options: {
    ...gatewayOptionsWith(namespaceOption),
    follow: { type: 'boolean', short: 'F', description: 'keep the stream open for new lines' },
    tail: { type: 'string', short: 't', valueName: 'N', description: 'only the last N lines' },
    since: { type: 'string', valueName: 'WHEN', description: 'only lines since a duration ago or a time' },
    instance: { type: 'string', valueName: 'ID', description: 'only this replica' },
    json: { type: 'boolean', description: 'one JSON object per line (NDJSON)' },
  },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the function name');
    const tail = stringValue(values, 'tail') === undefined ? undefined : integerValue(values, 'tail', 0, 0);
    const rawSince = stringValue(values, 'since');
    const since = rawSince === undefined ? undefined : sinceTime(rawSince, new Date());
    const gateway = await connectGateway(io, values);
    const json = flag(values, 'json');
    const stream = gateway.logs({
      name,
      namespace: stringValue(values, 'namespace'),
      instance: stringValue(values, 'instance'),
      tail,
      since,
      follow: flag(values, 'follow'),
    });
    for await (const msg of stream) {
      writeLine(
        io.stdout,
        json ? JSON.stringify(msg) : `${msg.timestamp} ${msg.name} (${msg.instance}) ${msg.text}`,
      );
    }
  },
};
