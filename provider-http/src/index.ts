export type {
  FunctionDeployer,
  FunctionReader,
  FunctionScaler,
  ReplicaResolver,
  ResolvedReplicas,
  SecretStore,
  LogReader,
  NamespaceLister,
  ProviderRoles,
} from './roles.js';
export { replicaUrls } from './roles.js';
export { createProviderApp } from './create-provider-app.js';
export type { ProviderApp } from './create-provider-app.js';
export type { ProviderAppOptions, BasicAuthCredentials } from './options.js';
export { createBasicAuthCheck, BASIC_AUTH_CHALLENGE } from '@faas/service-kit';
export { RoundRobinBalancer } from './invoke/balancer.js';
export type { Balancer } from './invoke/balancer.js';
export { providerSettings } from './provider-settings.js';
export type { ProviderSettingDefaults, ProviderSettingName } from './provider-settings.js';
