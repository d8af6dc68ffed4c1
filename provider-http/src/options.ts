import type { Registry } from 'prom-client';
import { limits } from '@faas/contracts';
import type { BasicAuthCredentials, Logger } from '@faas/service-kit';

/** Basic-auth credentials required on `/system/*` (the shared `@faas/service-kit` shape). */
export type { BasicAuthCredentials };

/** How `createProviderApp` behaves; every field but `logger` has a default. */
export interface ProviderAppOptions {
  /** Where request lines and 5xx errors go. */
  logger: Logger;
  /** Credentials for `/system/*`; undefined turns auth off (only for tests and trusted loopback setups). */
  auth?: BasicAuthCredentials;
  /** Largest JSON body accepted on `/system/*`, in bytes; larger is 413. Default 4 MiB (contracts' `limits.systemBodyBytes`). */
  maxBodyBytes?: number;
  /** Registry for the provider metrics; default a new one per app. */
  registry?: Registry;
  /** Serve `GET /system/endpoints/{name}` from the resolver; false answers 501. Default true. */
  endpoints?: boolean;
  /** How long callers may cache `/system/endpoints/{name}`, in seconds. Default 2. */
  endpointsTtlSeconds?: number;
  /** Abort an invocation that has not answered after this many milliseconds (504); 0 = never. Default 0. */
  invokeTimeoutMs?: number;
}

/** The options with defaults applied. */
export type ResolvedOptions = Required<Omit<ProviderAppOptions, 'auth' | 'registry'>> &
  Pick<ProviderAppOptions, 'auth'>;

/** Applies the defaults of {@link ProviderAppOptions}. */
export function resolveOptions(options: ProviderAppOptions): ResolvedOptions {
  return {
    logger: options.logger,
    auth: options.auth,
    maxBodyBytes: options.maxBodyBytes ?? limits.systemBodyBytes,
    endpoints: options.endpoints ?? true,
    endpointsTtlSeconds: options.endpointsTtlSeconds ?? 2,
    invokeTimeoutMs: options.invokeTimeoutMs ?? 0,
  };
}
