import { relative } from 'node:path';
import { CredentialStore, configDir } from './credentials.js';
import { GatewayClient } from './gateway-client.js';
import type { GatewayAuth } from './gateway-client.js';
import type { CliIo } from './io.js';
import type { OptionValues } from './command.js';
import { flag, stringValue } from './options.js';
import { CliError, UsageError } from './errors.js';
import { Printer } from './printer.js';
import { stackPath } from './stack/load-stack.js';
import { readStackGateway } from './stack/stack-gateway.js';

/** The gateway used when nothing else names one. */
export const DEFAULT_GATEWAY = 'http://127.0.0.1:8080';

/**
 * The gateway URL, first found of: `--gateway`, `$OPENFAAS_URL`, the stack file's
 * `provider.gateway`, http://127.0.0.1:8080. A URL without a scheme gets `http://`.
 */
export function resolveGatewayUrl(
  values: OptionValues,
  env: Readonly<Record<string, string | undefined>>,
  stackGateway?: string,
): string {
  const raw = stringValue(values, 'gateway') || env.OPENFAAS_URL || stackGateway || DEFAULT_GATEWAY;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`gateway "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`gateway "${raw}" must be an http:// or https:// URL`);
  return withScheme.replace(/\/+$/, '');
}

/**
 * {@link resolveGatewayUrl}, reading `provider.gateway` from the stack file (`-f`, else
 * ./stack.yml or ./stack.yaml) when neither the flag nor `$OPENFAAS_URL` names a gateway, as
 * faas-cli does for every command. Commands that loaded the stack already pass its gateway.
 */
export async function gatewayUrl(io: CliIo, values: OptionValues, stackGateway?: string): Promise<string> {
  if (stackGateway === undefined && !stringValue(values, 'gateway') && !io.env.OPENFAAS_URL) {
    const path = stackPath(io, values);
    if (path) {
      try {
        stackGateway = await readStackGateway(path, relative(io.cwd, path) || path, io.env);
      } catch (err) {
        if (stringValue(values, 'yaml') || !(err instanceof CliError)) throw asCliError(err, path);
        new Printer(io).warn(`${err.message} ${err.details.join('; ')} (its provider.gateway is not used)`);
      }
    }
  }
  return resolveGatewayUrl(values, io.env, stackGateway);
}

function asCliError(err: unknown, path: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  return code ? new CliError(`cannot read stack file ${path}: ${code}`) : (err as Error);
}

/**
 * A client for the gateway the flags, environment and stack file name: `--token` as a Bearer
 * token, else the credentials saved by `login`; `--tls-no-verify` skips certificate checks.
 */
export async function connectGateway(
  io: CliIo,
  values: OptionValues,
  stackGateway?: string,
): Promise<GatewayClient> {
  const url = await gatewayUrl(io, values, stackGateway);
  const token = stringValue(values, 'token');
  const auth: GatewayAuth | undefined = token
    ? { token }
    : await new CredentialStore(configDir(io.env)).get(url);
  return new GatewayClient(url, auth, await fetchFor(io, values));
}

/** Global fetch, or with `--tls-no-verify` one that accepts any certificate (and says so). */
export async function fetchFor(io: CliIo, values: OptionValues): Promise<typeof fetch> {
  if (!flag(values, 'tls-no-verify')) return globalThis.fetch;
  new Printer(io).warn("--tls-no-verify: the gateway's TLS certificate is not checked");
  const { Agent, fetch: undiciFetch } = await import('undici');
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  return ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}
