import type { Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import { gatewayOptionsWith, namespaceOption, stackOptions, stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { loadStackForCommand } from '../stack/load-stack.js';

/** `faas remove NAME...` or `faas remove -f stack.yml`: deletes functions. */
export const removeCommand: Command = {
  name: 'remove',
  aliases: ['rm', 'delete'],
  summary: 'remove functions (named, or all of a stack file)',
  usage: 'faas remove NAME... [-n NS]\nfaas remove -f stack.yml [--filter GLOB]',
  options: gatewayOptionsWith(namespaceOption, stackOptions),
  async run({ io, values, positionals }) {
    const namespace = stringValue(values, 'namespace');
    let targets: { name: string; namespace?: string }[];
    let stackGateway: string | undefined;
    if (positionals.length > 0) {
      if (stringValue(values, 'yaml')) throw new UsageError('give function names or -f, not both');
      targets = positionals.map((name) => ({ name, namespace }));
    } else {
      const stack = await loadStackForCommand(io, values, { required: true });
      if (!stack) throw new UsageError('missing function names (or -f stack.yml)');
      stackGateway = stack.stack.gateway;
      targets = stack.functions.map((f) => ({ name: f.name, namespace: namespace ?? f.namespace }));
    }
    const gateway = await connectGateway(io, values, stackGateway);
    const out = new Printer(io);
    const missing: string[] = [];
    for (const target of targets) {
      if (await gateway.removeFunction(target.name, target.namespace)) out.line(`Removed ${target.name}.`);
      else missing.push(target.name);
    }
    if (missing.length) throw new CliError(`No existing function to remove: ${missing.join(', ')}`);
  },
};
