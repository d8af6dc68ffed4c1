import type { Command } from '../../command.js';
import { CliError } from '../../errors.js';
import { GatewayError } from '../../gateway-error.js';
import { connectGateway } from '../../gateway-target.js';
import {
  flag,
  gatewayOptionsWith,
  jsonOption,
  namespaceOption,
  requiredPositional,
  stringValue,
} from '../../options.js';
import { Printer } from '../../printer.js';
import { secretValue, valueOptions } from './secret-value.js';

const create: Command = {
  name: 'create',
  summary: 'create a secret',
  usage: 'faas secret create NAME [--from-literal V | --from-file F | < stdin] [-n NS]',
  options: { ...gatewayOptionsWith(namespaceOption), ...valueOptions },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the secret name');
    const value = await secretValue(io, values);
    const gateway = await connectGateway(io, values);
    const res = await gateway.writeSecret('POST', {
      name,
      namespace: stringValue(values, 'namespace'),
      ...value,
    });
    if (res.status === 409)
      throw new CliError(`secret ${name} already exists; use \`faas secret update ${name}\``);
    if (![200, 201, 202].includes(res.status))
      throw new GatewayError(`create secret ${name}`, res.status, res.body);
    new Printer(io).line(`Created secret ${name}.`);
  },
};

const update: Command = {
  name: 'update',
  summary: "replace a secret's value",
  usage: 'faas secret update NAME [--from-literal V | --from-file F | < stdin] [-n NS]',
  options: { ...gatewayOptionsWith(namespaceOption), ...valueOptions },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the secret name');
    const value = await secretValue(io, values);
    const gateway = await connectGateway(io, values);
    const res = await gateway.writeSecret('PUT', {
      name,
      namespace: stringValue(values, 'namespace'),
      ...value,
    });
    if (res.status === 404)
      throw new CliError(`secret ${name} not found; use \`faas secret create ${name}\``);
    if (![200, 202].includes(res.status))
      throw new GatewayError(`update secret ${name}`, res.status, res.body);
    new Printer(io).line(`Updated secret ${name}.`);
  },
};

const list: Command = {
  name: 'list',
  aliases: ['ls'],
  summary: 'list secrets (names only, never values)',
  usage: 'faas secret list [-n NS] [--json]',
  options: gatewayOptionsWith(namespaceOption, jsonOption),
  async run({ io, values }) {
    const secrets = await (await connectGateway(io, values)).listSecrets(stringValue(values, 'namespace'));
    const out = new Printer(io);
    if (flag(values, 'json')) return out.json(secrets);
    out.table(
      ['Name', 'Namespace'],
      secrets.map((s) => [s.name, s.namespace]),
    );
  },
};

const remove: Command = {
  name: 'remove',
  aliases: ['rm', 'delete'],
  summary: 'remove a secret',
  usage: 'faas secret remove NAME [-n NS]',
  options: gatewayOptionsWith(namespaceOption),
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the secret name');
    const res = await (await connectGateway(io, values)).removeSecret(name, stringValue(values, 'namespace'));
    if (res.status === 404) throw new CliError(`secret ${name} not found`);
    if (![200, 202, 204].includes(res.status))
      throw new GatewayError(`remove secret ${name}`, res.status, res.body);
    new Printer(io).line(`Removed secret ${name}.`);
  },
};

/** `faas secret create|update|list|remove`. */
export const secretCommand: Command = {
  name: 'secret',
  summary: 'create, update, list and remove secrets',
  usage: 'faas secret create|update|list|remove ...',
  options: {},
  subcommands: [create, update, list, remove],
  async run() {},
};
