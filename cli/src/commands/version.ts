import type { GatewayInfo } from '@faas/contracts';
import type { Command } from '../command.js';
import { CliError } from '../errors.js';
import { connectGateway } from '../gateway-target.js';
import { flag, gatewayOptionsWith, jsonOption } from '../options.js';
import { cliVersion } from '../package-root.js';
import { Printer } from '../printer.js';

/** `faas version`: the CLI's version, and the gateway's and provider's. */
export const versionCommand: Command = {
  name: 'version',
  summary: 'print the CLI, gateway and provider versions',
  usage: 'faas version [--client] [--json]',
  options: {
    ...gatewayOptionsWith(jsonOption),
    client: { type: 'boolean', description: 'only the CLI, without asking the gateway' },
    'short-version': { type: 'boolean', description: "only the CLI's version number" },
    'warn-update': {
      type: 'boolean',
      default: true,
      description: 'accepted for faas-cli scripts; faas never looks for updates',
    },
  },
  async run({ io, values }) {
    const client = { version: cliVersion() };
    const out = new Printer(io);
    if (flag(values, 'short-version')) return out.line(client.version);
    let info: GatewayInfo | undefined;
    let gatewayUrl: string | undefined;
    let failure: Error | undefined;
    if (!flag(values, 'client')) {
      const gateway = await connectGateway(io, values);
      gatewayUrl = gateway.url;
      try {
        info = await gateway.info();
      } catch (err) {
        failure = err as Error;
      }
    }
    if (flag(values, 'json')) out.json({ client, gateway: info && { url: gatewayUrl, ...info } });
    else {
      out.line('faas CLI');
      out.line(` version:       ${client.version}`);
      if (info) {
        out.line('Gateway');
        out.line(` url:           ${gatewayUrl}`);
        out.line(` version:       ${info.version.release}`);
        out.line(` sha:           ${info.version.sha}`);
        out.line(` arch:          ${info.arch}`);
        out.line('Provider');
        out.line(` name:          ${info.provider.provider}`);
        out.line(` orchestration: ${info.provider.orchestration}`);
        out.line(` version:       ${info.provider.version.release}`);
        out.line(` sha:           ${info.provider.version.sha}`);
      }
    }
    if (failure) throw new CliError(failure.message);
  },
};
