import type { Command } from './command.js';
import { CliError, EXIT, UsageError } from './errors.js';
import { commandHelp, mainHelp } from './help.js';
import type { CliIo } from './io.js';
import { writeLine } from './io.js';
import { globalOptions } from './options.js';
import { parseFlags } from './parse-flags.js';
import { cliVersion } from './package-root.js';
import { Printer } from './printer.js';

function find(commands: Command[], word: string): Command | undefined {
  return commands.find((c) => c.name === word || c.aliases?.includes(word));
}

/** Picks the command (and sub-command) named by `argv`; UsageError when there is none. */
function resolve(commands: Command[], argv: string[]): { command: Command; prefix: string; args: string[] } {
  const [word, ...rest] = argv;
  const command = find(commands, word ?? '');
  if (!command) throw new UsageError(`unknown command "${word}"; \`faas --help\` lists them`);
  if (!command.subcommands) return { command, prefix: 'faas', args: rest };
  const [subWord, ...subRest] = rest;
  if (subWord === undefined || subWord === '--help' || subWord === '-h')
    return { command: { ...command, run: async () => {} }, prefix: 'faas', args: ['--help'] };
  const sub = find(command.subcommands, subWord);
  if (!sub)
    throw new UsageError(
      `unknown command "${command.name} ${subWord}"; \`faas ${command.name} --help\` lists them`,
    );
  return { command: sub, prefix: `faas ${command.name}`, args: subRest };
}

/**
 * Runs one `faas` command line and returns its exit code: 0 ok, 1 failure, 2 usage error.
 * Never throws; errors are printed on stderr.
 */
export async function runCli(argv: string[], io: CliIo, commands: Command[]): Promise<number> {
  const out = new Printer(io);
  const first = argv[0];
  if (first === undefined) {
    writeLine(io.stderr, mainHelp(commands));
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = argv[1] && find(commands, argv[1]);
    writeLine(io.stdout, topic ? commandHelp(topic) : mainHelp(commands));
    return EXIT.ok;
  }
  if (first === '--version') {
    writeLine(io.stdout, cliVersion());
    return EXIT.ok;
  }
  let usage = '';
  try {
    const { command, prefix, args } = resolve(commands, argv);
    usage = commandHelp(command, prefix);
    const { values, positionals } = parseFlags(args, { ...command.options, ...globalOptions });
    if (values.help) {
      writeLine(io.stdout, usage);
      return EXIT.ok;
    }
    return (await command.run({ io, values, positionals })) ?? EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) {
      writeLine(io.stderr, `${out.paint('red', 'error:')} ${err.message}`);
      if (usage) writeLine(io.stderr, `\n${usage}`);
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      writeLine(io.stderr, `${out.paint('red', 'error:')} ${err.message}`);
      for (const line of err.details) writeLine(io.stderr, `  ${line}`);
      return EXIT.failure;
    }
    const e = err as Error;
    writeLine(io.stderr, `${out.paint('red', 'error:')} ${e.message}`);
    if (io.env.FAAS_DEBUG) writeLine(io.stderr, e.stack ?? '');
    return EXIT.failure;
  }
}
