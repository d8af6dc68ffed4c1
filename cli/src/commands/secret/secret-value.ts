import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Secret } from '@faas/contracts';
import type { OptionValues } from '../../command.js';
import { CliError, UsageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { readAll } from '../../io.js';
import { stringValue } from '../../options.js';
import { Printer } from '../../printer.js';

/** Reads a secret's value from `--from-literal`, `--from-file` (exact bytes) or stdin. */
export async function secretValue(
  io: CliIo,
  values: OptionValues,
): Promise<Pick<Secret, 'value' | 'rawValue'>> {
  const literal = stringValue(values, 'from-literal');
  const file = stringValue(values, 'from-file');
  if (literal !== undefined && file !== undefined)
    throw new UsageError('give --from-literal or --from-file, not both');
  if (literal !== undefined) return { value: literal };
  if (file !== undefined) {
    try {
      return { rawValue: (await readFile(resolve(io.cwd, file))).toString('base64') };
    } catch (err) {
      throw new CliError(
        `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  if (io.stdinIsTTY) new Printer(io).info('Reading from STDIN - hit (Control + D) to stop.');
  let bytes = await readAll(io.stdin);
  // `echo s3cret | faas secret create x` stores "s3cret"; --from-file keeps every byte.
  if (bytes.at(-1) === 0x0a) bytes = bytes.subarray(0, bytes.at(-2) === 0x0d ? -2 : -1);
  if (bytes.length === 0)
    throw new CliError('the secret value is empty (give --from-literal, --from-file or stdin)');
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? { value: text } : { rawValue: bytes.toString('base64') };
}

/** The flags `create` and `update` share. */
export const valueOptions = {
  'from-literal': { type: 'string', valueName: 'VALUE', description: 'the value (visible in shell history)' },
  'from-file': { type: 'string', valueName: 'FILE', description: "the file's exact bytes" },
} as const;
