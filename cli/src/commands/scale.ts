import { MAX_REPLICAS } from '@faas/contracts';
import type { Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { GatewayError } from '../gateway-error.js';
import { connectGateway } from '../gateway-target.js';
import {
  gatewayOptionsWith,
  integerValue,
  namespaceOption,
  requiredPositional,
  stringValue,
} from '../options.js';
import { Printer } from '../printer.js';

/** `faas scale NAME --replicas N`: sets a function's desired replicas (0 allowed). */
export const scaleCommand: Command = {
  name: 'scale',
  summary: "set a function's replicas (0 allowed)",
  usage: 'faas scale NAME --replicas N [-n NS]',
  options: {
    ...gatewayOptionsWith(namespaceOption),
    replicas: { type: 'string', short: 'r', valueName: 'N', description: 'desired replicas' },
  },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the function name');
    if (stringValue(values, 'replicas') === undefined) throw new UsageError('missing --replicas N');
    const replicas = integerValue(values, 'replicas', 0, 0, MAX_REPLICAS);
    const gateway = await connectGateway(io, values);
    try {
      await gateway.scaleFunction(name, replicas, stringValue(values, 'namespace'));
    } catch (err) {
      if (err instanceof GatewayError && err.status === 404) throw new CliError(`no such function: ${name}`);
      throw err;
    }
    new Printer(io).line(`Scaled ${name} to ${replicas} replica${replicas === 1 ? '' : 's'}.`);
  },
};
