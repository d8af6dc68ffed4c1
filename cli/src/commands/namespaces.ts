import type { Command } from '../command.js';
import { connectGateway } from '../gateway-target.js';
import { flag, gatewayOptionsWith, jsonOption } from '../options.js';
import { Printer } from '../printer.js';

/** `faas namespaces`: the namespaces functions can be deployed to. */
export const namespacesCommand: Command = {
  name: 'namespaces',
  aliases: ['ns'],
  summary: 'list the namespaces functions can live in',
  usage: 'faas namespaces [--json]',
  options: gatewayOptionsWith(jsonOption),
  async run({ io, values }) {
    const namespaces = await (await connectGateway(io, values)).namespaces();
    const out = new Printer(io);
    if (flag(values, 'json')) return out.json(namespaces);
    for (const ns of namespaces) out.line(ns);
  },
};
