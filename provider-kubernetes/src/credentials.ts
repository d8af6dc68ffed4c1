import type { BasicAuthCredentials } from '@faas/provider-http';

/** The credentials `/system/*` requires: an object so "auth off" can be bound in the container too. */
export interface ProviderCredentials {
  /** Undefined when basic auth is off. */
  auth?: BasicAuthCredentials;
}
/** Injection token of {@link ProviderCredentials}. */
export const ProviderCredentials = Symbol('ProviderCredentials');
