import type { Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { CredentialStore, configDir } from '../credentials.js';
import { GatewayClient } from '../gateway-client.js';
import { fetchFor, gatewayUrl } from '../gateway-target.js';
import { readAll } from '../io.js';
import { flag, gatewayOptions, stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { promptPassword } from '../read-password.js';

/** `faas login`: checks credentials against the gateway and stores them 0600 for later commands. */
export const loginCommand: Command = {
  name: 'login',
  summary: 'save basic-auth credentials for a gateway (password from stdin, never echoed)',
  usage:
    'faas login [-u USER] --password-stdin < password-file\nfaas login [-u USER]   (prompts on a terminal)',
  options: {
    gateway: gatewayOptions.gateway!,
    yaml: gatewayOptions.yaml!,
    'tls-no-verify': gatewayOptions['tls-no-verify']!,
    username: { type: 'string', short: 'u', valueName: 'USER', description: 'user name (default admin)' },
    'password-stdin': { type: 'boolean', short: 's', description: 'read the password from stdin' },
    password: {
      type: 'string',
      short: 'p',
      valueName: 'PASSWORD',
      description: 'the password (insecure: visible in shell history)',
    },
  },
  async run({ io, values }) {
    const out = new Printer(io);
    const user = stringValue(values, 'username') ?? 'admin';
    let password = stringValue(values, 'password');
    if (password !== undefined && flag(values, 'password-stdin'))
      throw new UsageError('give --password or --password-stdin, not both');
    if (password !== undefined)
      out.warn('--password is visible in shell history and process lists; prefer --password-stdin');
    else if (flag(values, 'password-stdin'))
      password = (await readAll(io.stdin)).toString('utf8').replace(/[\r\n]+$/, '');
    else if (io.stdinIsTTY) password = await promptPassword(io);
    else
      throw new UsageError(
        'give the password with --password-stdin (e.g. `cat password.txt | faas login --password-stdin`)',
      );
    if (!password) throw new CliError('the password is empty');

    const url = await gatewayUrl(io, values);
    const client = new GatewayClient(url, { user, password }, await fetchFor(io, values));
    const res = await client.request('GET', '/system/functions');
    await res.arrayBuffer();
    if (res.status === 401)
      throw new CliError(`unauthorized: ${url} refused user ${user} with that password`);
    if (res.status !== 200) throw new CliError(`login to ${url}: the gateway answered ${res.status}`);
    const store = new CredentialStore(configDir(io.env));
    await store.save(url, { user, password });
    out.line(`Credentials saved for ${user} at ${url} (${store.path}).`);
  },
};

/** `faas logout`: forgets the credentials saved for a gateway. */
export const logoutCommand: Command = {
  name: 'logout',
  summary: "forget a gateway's saved credentials",
  usage: 'faas logout [-g URL]',
  options: { gateway: gatewayOptions.gateway!, yaml: gatewayOptions.yaml! },
  async run({ io, values }) {
    const url = await gatewayUrl(io, values);
    const removed = await new CredentialStore(configDir(io.env)).remove(url);
    if (!removed) throw new CliError(`no credentials saved for ${url}`);
    new Printer(io).line(`Credentials removed for ${url}.`);
  },
};
