// Injection tokens: each is a Symbol with the same name as the type it stands for (the Theia
// convention, as provider-kubernetes has them), so `@inject(tokens.Docker) docker: Dockerode`
// reads naturally. Classes are their own tokens.
import type Dockerode from 'dockerode';
import type * as http from '@faas/provider-http';
import type * as kit from '@faas/service-kit';
import type * as probe from './docker/readiness-probe.js';

/** The dockerode client of a swarm manager. */
export const Docker = Symbol('Docker');
export type Docker = Dockerode;
/** The process logger. */
export const Logger = Symbol('Logger');
export type Logger = kit.Logger;
/** The one namespace functions live in (Swarm has none; `openfaas-fn`). */
export const Namespace = Symbol('Namespace');
export type Namespace = string;
/** The configured functions network, '' = look up the one labelled openfaas=true. */
export const FunctionNetwork = Symbol('FunctionNetwork');
export type FunctionNetwork = string;
/** Health-check interval for function tasks, ms. */
export const HealthIntervalMs = Symbol('HealthIntervalMs');
export type HealthIntervalMs = number;
/** How long a resolver keeps a function's replicas, ms. */
export const ResolverCacheTtl = Symbol('ResolverCacheTtl');
export type ResolverCacheTtl = number;
/** The HTTP readiness probe of tasks; bound only when `readiness_probe_timeout` > 0 (api resolver). */
export const ReadinessProbe = Symbol('ReadinessProbe');
export type ReadinessProbe = probe.ReadinessProbe;
/** The ReplicaResolver the config chose. */
export const ReplicaResolver = Symbol('ReplicaResolver');
export type ReplicaResolver = http.ReplicaResolver;
/** Everything `createProviderApp` needs. */
export const ProviderRoles = Symbol('ProviderRoles');
export type ProviderRoles = http.ProviderRoles;
/** The assembled HTTP app: what main.ts asks the container for. */
export const ProviderApp = Symbol('ProviderApp');
export type ProviderApp = http.ProviderApp;
