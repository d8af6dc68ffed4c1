import type { Readable, Writable } from 'node:stream';
import type { ImageBuilder } from './build/image-builder.js';

/** Everything a command touches outside itself; `main.ts` passes the real process, tests fakes. */
export interface CliIo {
  /** Where results go. */
  stdout: Writable;
  /** Where progress, warnings and errors go. */
  stderr: Writable;
  /** The request body for `invoke`, secret values, `login --password-stdin`. */
  stdin: Readable;
  /** Whether stdout is a terminal: colour and live progress only then. */
  stdoutIsTTY: boolean;
  /** Whether stdin is a terminal: `invoke` and `secret create` then say they are waiting for input. */
  stdinIsTTY: boolean;
  /** The environment (`OPENFAAS_URL`, `XDG_CONFIG_HOME`, `${VAR}` in stack files). */
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths resolve against. */
  cwd: string;
  /** Builds and pushes images; the Docker engine when absent (tests pass a fake). */
  imageBuilder?: ImageBuilder;
}

/** Writes one line to a stream. */
export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

/** Reads a whole stream into one buffer. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
