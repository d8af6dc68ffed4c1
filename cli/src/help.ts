import type { Command, OptionTable } from './command.js';
import { GATEWAY_RULE, globalOptions } from './options.js';

function optionLines(options: OptionTable): string[] {
  const rows = Object.entries({ ...options, ...globalOptions }).map(([name, spec]) => {
    const flagText = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    const notes = [
      spec.multiple ? ' (repeatable)' : '',
      spec.default !== undefined ? ` (default ${String(spec.default)})` : '',
    ];
    return [flagText, spec.description + notes.join('')] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length));
  return rows.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`);
}

/** `faas CMD --help`. */
export function commandHelp(command: Command, prefix = 'faas'): string {
  const lines = [`${prefix} ${command.name}: ${command.summary}`, '', 'Usage:'];
  lines.push(...command.usage.split('\n').map((u) => `  ${u}`));
  if (command.subcommands) {
    lines.push('', 'Commands:');
    const width = Math.max(...command.subcommands.map((c) => c.name.length));
    for (const sub of command.subcommands) lines.push(`  ${sub.name.padEnd(width)}  ${sub.summary}`);
  } else {
    lines.push('', 'Flags:', ...optionLines(command.options));
  }
  if (command.aliases?.length) lines.push('', `Aliases: ${command.aliases.join(', ')}`);
  return lines.join('\n');
}

/** `faas --help`: every command, the gateway rule and the exit codes. */
export function mainHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'faas: build, deploy and invoke functions on a faas (or OpenFaaS) gateway.',
    '',
    'Usage: faas COMMAND [ARGS] [FLAGS]    (faas COMMAND --help for its flags)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Gateway: ${GATEWAY_RULE}.`,
    'Exit codes: 0 ok, 1 failure, 2 usage error.',
  ].join('\n');
}
