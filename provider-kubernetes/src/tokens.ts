// Injection tokens: each is a Symbol with the same name as the interface it stands for (the
// Theia convention), so `@inject(FunctionDeployer) deployer: FunctionDeployer` reads naturally.
import type * as roles from '@faas/provider-http';
import type * as kit from '@faas/service-kit';
import type * as mapping from './mapping/function-options.js';
import type * as config from './config.js';

/** Creates, updates and removes functions. */
export const FunctionDeployer = Symbol('FunctionDeployer');
export type FunctionDeployer = roles.FunctionDeployer;
/** Reads functions. */
export const FunctionReader = Symbol('FunctionReader');
export type FunctionReader = roles.FunctionReader;
/** Sets desired replicas. */
export const FunctionScaler = Symbol('FunctionScaler');
export type FunctionScaler = roles.FunctionScaler;
/** Finds ready replicas. */
export const ReplicaResolver = Symbol('ReplicaResolver');
export type ReplicaResolver = roles.ReplicaResolver;
/** The secret store. */
export const SecretStore = Symbol('SecretStore');
export type SecretStore = roles.SecretStore;
/** Function logs. */
export const LogReader = Symbol('LogReader');
export type LogReader = roles.LogReader;
/** Served namespaces. */
export const NamespaceLister = Symbol('NamespaceLister');
export type NamespaceLister = roles.NamespaceLister;
/** Everything `createProviderApp` needs. */
export const ProviderRoles = Symbol('ProviderRoles');
export type ProviderRoles = roles.ProviderRoles;
/** The process logger. */
export const Logger = Symbol('Logger');
export type Logger = kit.Logger;
/** The loaded configuration. */
export const KubernetesProviderConfig = Symbol('KubernetesProviderConfig');
export type KubernetesProviderConfig = config.KubernetesProviderConfig;
/** Cluster-wide choices for function objects. */
export const FunctionObjectOptions = Symbol('FunctionObjectOptions');
export type FunctionObjectOptions = mapping.FunctionObjectOptions;
