#!/usr/bin/env node
// The `faas` command line: wires the real process into runCli and exits with its code.
import { runCli } from './cli.js';
import { exitQuietlyOnClosedPipe } from './closed-pipe.js';
import { allCommands } from './commands/index.js';

for (const stream of [process.stdout, process.stderr]) exitQuietlyOnClosedPipe(stream, process.exit);

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
  },
  allCommands,
);
process.exitCode = code;
