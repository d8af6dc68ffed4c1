// Runs the `faas` command line in process with fake streams, for tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../src/cli.js';
import { allCommands } from '../src/commands/index.js';
import type { ImageBuilder } from '../src/build/image-builder.js';

/** What a run printed and returned. */
export interface FaasRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of one run. */
export interface RunOptions {
  stdin?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  stdoutIsTTY?: boolean;
  stdinIsTTY?: boolean;
  imageBuilder?: ImageBuilder;
}

/** A fresh, empty config dir, so tests never touch the user's credentials. */
export function tempConfigHome(): string {
  return mkdtempSync(join(tmpdir(), 'faas-config-'));
}

/** Runs `faas <args>` and collects its output. */
export async function runFaas(args: string[], options: RunOptions = {}): Promise<FaasRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(
    args,
    {
      stdout,
      stderr,
      stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
      stdoutIsTTY: options.stdoutIsTTY ?? false,
      stdinIsTTY: options.stdinIsTTY ?? false,
      env: { XDG_CONFIG_HOME: tempConfigHome(), ...options.env },
      cwd: options.cwd ?? process.cwd(),
      imageBuilder: options.imageBuilder,
    },
    allCommands,
  );
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
