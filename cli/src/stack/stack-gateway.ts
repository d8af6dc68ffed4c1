import { readFile } from 'node:fs/promises';
import { parseYaml } from './parse-stack.js';
import { StackError } from './stack-error.js';

/**
 * `provider.gateway` of a stack file, `${VAR}` substituted, without validating its functions:
 * a command that only needs the gateway (`faas list`) should not fail on a function it does
 * not touch. A file that is not YAML, or a gateway that cannot be read, is a StackError.
 */
export async function readStackGateway(
  path: string,
  display: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const reader = parseYaml(await readFile(path, 'utf8'), display, env);
  const provider = reader.entries(reader.root, '', 1)?.find((e) => e.key === 'provider');
  const gateway = reader
    .entries(provider?.value, 'provider', provider?.line ?? 0)
    ?.find((e) => e.key === 'gateway');
  const url = gateway && reader.string(gateway.value, gateway.field, gateway.line);
  if (reader.problems.length) throw new StackError(display, reader.problems);
  return url || undefined;
}
