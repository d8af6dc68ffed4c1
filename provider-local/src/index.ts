// @faas/provider-local: the embedded provider — functions as watchdog processes on this host.
export { createLocalProvider } from './create-local-provider.js';
export type { LocalProvider, LocalProviderDeps } from './create-local-provider.js';
export { loadLocalProviderConfig, localProviderSettings } from './config.js';
export type { LocalProviderConfig } from './config.js';
export type { ResolvedCredentials } from './credentials.js';
export { localProviderInfo } from './roles.js';
export { SECRETS_PATH_ENV } from './replica-env.js';
