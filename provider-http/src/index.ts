export type {
  FunctionDeployer,
  FunctionReader,
  FunctionScaler,
  ReplicaResolver,
  SecretStore,
  LogReader,
  NamespaceLister,
  ProviderRoles,
} from './roles.js';
