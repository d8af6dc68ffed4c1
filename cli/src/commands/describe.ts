import type { FunctionStatus } from '@faas/contracts';
import type { Command } from '../command.js';
import { CliError } from '../errors.js';
import { GatewayError } from '../gateway-error.js';
import { connectGateway } from '../gateway-target.js';
import { asyncFunctionUrl, functionUrl } from '../function-url.js';
import { flag, gatewayOptionsWith, jsonOption, namespaceOption } from '../options.js';
import { requiredPositional, stringValue } from '../options.js';
import { Printer } from '../printer.js';

function pairs(map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : '<none>';
}

function list(items: string[] | undefined): string {
  return items?.length ? items.join(', ') : '<none>';
}

function resources(r: FunctionStatus['limits']): string {
  if (!r || (!r.memory && !r.cpu)) return '<none>';
  return [r.memory && `memory=${r.memory}`, r.cpu && `cpu=${r.cpu}`].filter(Boolean).join(', ');
}

/** `faas describe NAME`: one function's status, URLs and settings. */
export const describeCommand: Command = {
  name: 'describe',
  summary: "show a function's status, URL and settings",
  usage: 'faas describe NAME [-n NS] [--json]',
  options: gatewayOptionsWith(namespaceOption, jsonOption),
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the function name');
    const namespace = stringValue(values, 'namespace');
    const gateway = await connectGateway(io, values);
    let status: FunctionStatus;
    try {
      status = await gateway.getFunction(name, namespace, true);
    } catch (err) {
      if (err instanceof GatewayError && err.status === 404) throw new CliError(`no such function: ${name}`);
      throw err;
    }
    // Providers report 0 invocations; the gateway's list has the counted number.
    const listed = (await gateway.listFunctions(namespace)).find((f) => f.name === status.name);
    const described = { ...status, invocationCount: listed?.invocationCount ?? status.invocationCount };
    const out = new Printer(io);
    if (flag(values, 'json')) return out.json(described);
    const ready = described.availableReplicas > 0;
    const rows: [string, string][] = [
      ['Name', described.name],
      ['Namespace', described.namespace],
      [
        'Status',
        ready
          ? out.paint('green', 'Ready')
          : out.paint(
              'yellow',
              `Not Ready${described.notReadyReason ? ` (${described.notReadyReason})` : ''}`,
            ),
      ],
      ['Replicas', String(described.replicas)],
      ['Available replicas', String(described.availableReplicas)],
      ['Invocations', String(described.invocationCount)],
      ['Image', described.image],
      ['Function process', described.envProcess || '<default for image>'],
      ['URL', functionUrl(gateway.url, described.name, namespace ?? described.namespace)],
      ['Async URL', asyncFunctionUrl(gateway.url, described.name, namespace ?? described.namespace)],
      ['Labels', pairs(described.labels)],
      ['Annotations', pairs(described.annotations)],
      ['Environment', pairs(described.envVars)],
      ['Secrets', list(described.secrets)],
      ['Constraints', list(described.constraints)],
      ['Limits', resources(described.limits)],
      ['Requests', resources(described.requests)],
      ['Read-only root', String(described.readOnlyRootFilesystem)],
      ['Created', described.createdAt],
    ];
    if (described.usage) {
      const { cpu, totalMemoryBytes } = described.usage;
      const parts = [
        cpu !== undefined && `cpu=${cpu}`,
        totalMemoryBytes !== undefined && `memory=${(totalMemoryBytes / 1048576).toFixed(1)} MiB`,
      ];
      if (parts.some(Boolean)) rows.push(['Usage', parts.filter(Boolean).join(' ')]);
    }
    const width = Math.max(...rows.map(([k]) => k.length)) + 1;
    for (const [key, value] of rows) out.line(`${`${key}:`.padEnd(width)} ${value}`);
  },
};
