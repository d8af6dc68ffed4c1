import type { Command, OptionValues } from '../command.js';
import { deployFunctions } from '../deploy/deploy-functions.js';
import { CliError, UsageError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import type { CliIo } from '../io.js';
import { gatewayOptionsWith, listValue, namespaceOption, stackOptions, stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { loadStackForCommand } from '../stack/load-stack.js';
import type { LoadedStack } from '../stack/load-stack.js';
import type { StackFunction } from '../stack/stack.js';
import { deployOptions, readDeployOptions } from './build-deploy-options.js';

/** A one-function "stack" from `--image` and `--name`, for deploying without a stack file. */
function fromFlags(io: CliIo, values: OptionValues): LoadedStack | undefined {
  const image = stringValue(values, 'image');
  const name = stringValue(values, 'name');
  if (!image && !name) return undefined;
  if (!image || !name) throw new UsageError('--image and --name go together');
  if (stringValue(values, 'yaml')) throw new UsageError('give -f or --image/--name, not both');
  const secrets = listValue(values, 'secret');
  const constraints = listValue(values, 'constraint');
  const fn: StackFunction = {
    name,
    image,
    fprocess: stringValue(values, 'fprocess'),
    secrets: secrets.length ? secrets : undefined,
    constraints: constraints.length ? constraints : undefined,
    line: 0,
  };
  return { stack: { path: '', dir: io.cwd, functions: [fn], warnings: [] }, functions: [fn] };
}

/** Deploys a loaded stack and prints the results; shared by `deploy` and `up`. */
export async function deployLoaded(io: CliIo, values: OptionValues, loaded: LoadedStack): Promise<void> {
  const options = readDeployOptions(values, loaded.stack.network);
  const gateway = await connectGateway(io, values, loaded.stack.gateway);
  const { results, failures } = await deployFunctions(
    io,
    gateway,
    loaded.functions,
    loaded.stack.dir,
    options,
  );
  if (options.json) new Printer(io).json(results);
  if (failures)
    throw new CliError(
      `${failures} of ${loaded.functions.length} deployment${loaded.functions.length === 1 ? '' : 's'} failed`,
    );
}

/** `faas deploy`: sends each function to the gateway (PUT, then POST on 404). */
export const deployCommand: Command = {
  name: 'deploy',
  summary: 'deploy functions (stack file, or --image and --name)',
  usage:
    'faas deploy [-f stack.yml] [--filter GLOB] [--replace] [--wait] [-n NS]\nfaas deploy --image IMAGE --name NAME [--fprocess CMD] [--env K=V]... [--secret S]...',
  options: {
    ...gatewayOptionsWith(namespaceOption, stackOptions),
    ...deployOptions,
    image: { type: 'string', valueName: 'IMAGE', description: 'deploy this image without a stack file' },
    name: { type: 'string', valueName: 'NAME', description: 'the function name, with --image' },
    fprocess: {
      type: 'string',
      valueName: 'CMD',
      description: 'the command the watchdog runs, with --image',
    },
    secret: {
      type: 'string',
      multiple: true,
      valueName: 'NAME',
      description: 'secret to mount, with --image',
    },
    constraint: {
      type: 'string',
      multiple: true,
      valueName: 'EXPR',
      description: 'placement constraint, with --image',
    },
  },
  async run({ io, values }) {
    const loaded = fromFlags(io, values) ?? (await loadStackForCommand(io, values, { required: true }))!;
    await deployLoaded(io, values, loaded);
  },
};
