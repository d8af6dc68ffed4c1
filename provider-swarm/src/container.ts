// The Swarm provider's composition root: every bind is here. main.ts asks it for the ProviderApp
// once.
import { Container } from 'inversify';
import type { Newable } from 'inversify';
import Dockerode from 'dockerode';
import { DEFAULT_FUNCTION_NAMESPACE } from '@faas/contracts';
import type { VersionInfo } from '@faas/contracts';
import { createProviderApp } from '@faas/provider-http';
import type { BasicAuthCredentials, ProviderApp, ProviderRoles, ReplicaResolver } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import './di.js';
import * as tokens from './tokens.js';
import { dockerOptions } from './config.js';
import type { SwarmProviderConfig } from './config.js';
import { DnsResolver } from './dns-resolver.js';
import { FunctionServices } from './function-services.js';
import { ImageHealthChecks } from './health-checks.js';
import { NetworkFinder } from './network-finder.js';
import { SecretVersions } from './secret-versions.js';
import { SingleNamespace } from './single-namespace.js';
import { SwarmDeployer } from './swarm-deployer.js';
import { SwarmLogReader } from './swarm-log-reader.js';
import { SwarmReader, SwarmScaler } from './swarm-reader.js';
import { SwarmSecretStore } from './swarm-secret-store.js';
import { HttpReadinessProbe } from './readiness-probe.js';
import { TaskReadiness } from './task-readiness.js';
import { TaskResolver } from './task-resolver.js';

/** Token of the assembled HTTP app. */
export const ProviderAppToken = Symbol.for('faas.swarm.ProviderApp');

/** What the process supplies. */
export interface SwarmBindings {
  /** The parsed configuration. */
  config: SwarmProviderConfig;
  /** The process logger. */
  logger: Logger;
  /** Basic-auth credentials, or undefined when `basic_auth=false`. */
  credentials: BasicAuthCredentials | undefined;
  /** The provider's version for `/system/info`. */
  version: VersionInfo;
  /** A Docker client; default one for `DOCKER_HOST` (tests pass their own). */
  docker?: Dockerode;
}

/** Builds the container; `container.get<ProviderApp>(ProviderAppToken)` assembles everything. */
export function buildContainer(bindings: SwarmBindings): Container {
  const { config } = bindings;
  const container = new Container({ defaultScope: 'Singleton' });
  container
    .bind(tokens.Docker)
    .toConstantValue(bindings.docker ?? new Dockerode(dockerOptions(config.dockerHost)));
  container.bind(tokens.Logger).toConstantValue(bindings.logger);
  container.bind(tokens.Namespace).toConstantValue(DEFAULT_FUNCTION_NAMESPACE);
  container.bind(tokens.FunctionNetwork).toConstantValue(config.functionNetwork);
  container.bind(tokens.HealthIntervalMs).toConstantValue(config.functionHealthInterval);
  for (const role of [
    FunctionServices,
    NetworkFinder,
    SecretVersions,
    SwarmDeployer,
    SwarmReader,
    SwarmScaler,
    SwarmSecretStore,
    SwarmLogReader,
  ] as Newable<object>[]) {
    container.bind(role).toSelf().inSingletonScope();
  }
  // The probe needs the same view of tasks as the resolver: DNS only lists Docker-healthy tasks.
  const probing = config.replicaResolver === 'api' && config.readinessProbeTimeout > 0;
  container
    .bind(TaskReadiness)
    .toDynamicValue(
      (ctx) =>
        new TaskReadiness(
          new ImageHealthChecks(ctx.get<Dockerode>(tokens.Docker)),
          probing ? new HttpReadinessProbe({ timeoutMs: config.readinessProbeTimeout }) : undefined,
        ),
    );
  container
    .bind<ReplicaResolver>(tokens.ReplicaResolver)
    .toDynamicValue((ctx) =>
      config.replicaResolver === 'dns'
        ? new DnsResolver(ctx.get(FunctionServices), config.resolverCacheTtl)
        : new TaskResolver(ctx.get(FunctionServices), config.resolverCacheTtl, ctx.get(TaskReadiness)),
    );
  container.bind<ProviderRoles>(tokens.ProviderRoles).toDynamicValue((ctx) => ({
    info: {
      provider: 'faas-swarm',
      orchestration: 'swarm',
      version: bindings.version,
      notes: [
        `one namespace: ${DEFAULT_FUNCTION_NAMESPACE} (Swarm has none)`,
        'memory units are binary as in Docker: 128m = 128M = 128Mi',
      ],
    },
    defaultNamespace: DEFAULT_FUNCTION_NAMESPACE,
    deployer: ctx.get(SwarmDeployer),
    reader: ctx.get(SwarmReader),
    scaler: ctx.get(SwarmScaler),
    resolver: ctx.get<ReplicaResolver>(tokens.ReplicaResolver),
    secrets: ctx.get(SwarmSecretStore),
    namespaces: new SingleNamespace(DEFAULT_FUNCTION_NAMESPACE),
    logs: ctx.get(SwarmLogReader),
  }));
  container.bind<ProviderApp>(ProviderAppToken).toDynamicValue((ctx) =>
    createProviderApp(ctx.get<ProviderRoles>(tokens.ProviderRoles), {
      logger: bindings.logger,
      ...(bindings.credentials ? { auth: bindings.credentials } : {}),
      invokeTimeoutMs: config.invokeTimeout,
    }),
  );
  return container;
}
