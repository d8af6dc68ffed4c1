// The gateway's credentials are the shared ones (`@faas/service-kit`): the same files, the same
// header, as every provider reads them.
import type { BasicAuthCredentials } from '@faas/service-kit';

/** A basic-auth user and password. */
export type Credentials = BasicAuthCredentials;

export { readCredentials, basicAuthorization, CREDENTIAL_FILES } from '@faas/service-kit';
