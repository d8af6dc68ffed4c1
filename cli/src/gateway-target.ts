import { CredentialStore, configDir } from './credentials.js';
import { GatewayClient } from './gateway-client.js';
import type { CliIo } from './io.js';
import type { OptionValues } from './command.js';
import { stringValue } from './options.js';
import { UsageError } from './errors.js';

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

/** A client for the gateway the flags and environment name, with the credentials saved by `login`. */
export async function connectGateway(
  io: CliIo,
  values: OptionValues,
  stackGateway?: string,
): Promise<GatewayClient> {
  const url = resolveGatewayUrl(values, io.env, stackGateway);
  const credentials = await new CredentialStore(configDir(io.env)).get(url);
  return new GatewayClient(url, credentials);
}
