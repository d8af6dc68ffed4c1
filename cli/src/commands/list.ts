import type { Command } from '../command.js';
import { connectGateway } from '../gateway-target.js';
import { flag, gatewayOptionsWith, jsonOption, namespaceOption, stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { UsageError } from '../errors.js';

/** `faas list`: the deployed functions with their invocations and replicas. */
export const listCommand: Command = {
  name: 'list',
  aliases: ['ls'],
  summary: 'list deployed functions',
  usage: 'faas list [-n NS] [-v | -q] [--sort name|invocations] [--json]',
  options: {
    ...gatewayOptionsWith(namespaceOption, jsonOption),
    verbose: { type: 'boolean', short: 'v', description: 'also show the image and ready replicas' },
    quiet: { type: 'boolean', short: 'q', description: 'only the names, one a line' },
    sort: { type: 'string', valueName: 'KEY', description: 'sort by name (default) or invocations' },
  },
  async run({ io, values }) {
    const sort = stringValue(values, 'sort') ?? 'name';
    if (sort !== 'name' && sort !== 'invocations')
      throw new UsageError(`--sort must be name or invocations, got "${sort}"`);
    const gateway = await connectGateway(io, values);
    const functions = await gateway.listFunctions(stringValue(values, 'namespace'));
    functions.sort((a, b) =>
      sort === 'name' ? a.name.localeCompare(b.name) : b.invocationCount - a.invocationCount,
    );
    const out = new Printer(io);
    if (flag(values, 'json')) return out.json(functions);
    if (flag(values, 'quiet')) {
      for (const f of functions) out.line(f.name);
      return;
    }
    const verbose = flag(values, 'verbose');
    const header = verbose
      ? ['Function', 'Image', 'Invocations', 'Replicas', 'Ready']
      : ['Function', 'Invocations', 'Replicas'];
    const rows = functions.map((f) =>
      verbose
        ? [f.name, f.image, String(f.invocationCount), String(f.replicas), String(f.availableReplicas)]
        : [f.name, String(f.invocationCount), String(f.replicas)],
    );
    out.table(header, rows);
  },
};
