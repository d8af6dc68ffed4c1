// The Swarm provider's composition root: every bind is here. main.ts asks it for the ProviderApp
// once (docs/architecture.md, Composition).
import { Container } from 'inversify';
import type { Newable } from 'inversify';
import type Dockerode from 'dockerode';
import { DEFAULT_FUNCTION_NAMESPACE } from '@faas/contracts';
import type { VersionInfo } from '@faas/contracts';
import { createProviderApp } from '@faas/provider-http';
import type { BasicAuthCredentials } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import * as tokens from './tokens.js';
import type { SwarmProviderConfig } from './config.js';
import { DnsResolver } from './roles/dns-resolver.js';
import { FunctionServices } from './docker/function-services.js';
import { HealthCheckLookup, ImageHealthChecks } from './docker/health-checks.js';
import { NetworkFinder } from './docker/network-finder.js';
import { SecretVersions } from './docker/secret-versions.js';
import { SingleNamespace } from './roles/single-namespace.js';
import { SwarmDeployer } from './roles/swarm-deployer.js';
import { SwarmLogReader } from './roles/swarm-log-reader.js';
import { SwarmReader, SwarmScaler } from './roles/swarm-reader.js';
import { SwarmSecretStore } from './roles/swarm-secret-store.js';
import { HttpReadinessProbe } from './docker/readiness-probe.js';
import { TaskReadiness } from './docker/task-readiness.js';
import { TaskResolver } from './roles/task-resolver.js';

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
  /** The Docker client of the swarm manager (main.ts makes one for `DOCKER_HOST`). */
  docker: Dockerode;
}

/** Builds the container with every binding, all singletons; main.ts asks it for `tokens.ProviderApp` once. */
export function createContainer(bindings: SwarmBindings): Container {
  const { config } = bindings;
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind(tokens.Docker).toConstantValue(bindings.docker);
  container.bind(tokens.Logger).toConstantValue(bindings.logger);
  container.bind(tokens.Namespace).toConstantValue(DEFAULT_FUNCTION_NAMESPACE);
  container.bind(tokens.FunctionNetwork).toConstantValue(config.functionNetwork);
  container.bind(tokens.HealthIntervalMs).toConstantValue(config.functionHealthInterval);
  container.bind(tokens.ResolverCacheTtl).toConstantValue(config.resolverCacheTtl);
  for (const role of [
    FunctionServices,
    NetworkFinder,
    SecretVersions,
    SwarmDeployer,
    SwarmReader,
    SwarmScaler,
    SwarmSecretStore,
    SwarmLogReader,
    TaskReadiness,
  ] as Newable<object>[]) {
    container.bind(role).toSelf().inSingletonScope();
  }
  container.bind(HealthCheckLookup).to(ImageHealthChecks).inSingletonScope();
  // The probe needs the same view of tasks as the resolver: DNS only lists Docker-healthy tasks.
  if (config.replicaResolver === 'api' && config.readinessProbeTimeout > 0) {
    container
      .bind(tokens.ReadinessProbe)
      .toConstantValue(new HttpReadinessProbe({ timeoutMs: config.readinessProbeTimeout }));
  }
  container
    .bind(tokens.ReplicaResolver)
    .to(config.replicaResolver === 'dns' ? DnsResolver : TaskResolver)
    .inSingletonScope();
  container.bind(tokens.ProviderRoles).toResolvedValue(
    (
      deployer: SwarmDeployer,
      reader: SwarmReader,
      scaler: SwarmScaler,
      resolver: tokens.ReplicaResolver,
      secrets: SwarmSecretStore,
      logs: SwarmLogReader,
    ): tokens.ProviderRoles => ({
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
      deployer,
      reader,
      scaler,
      resolver,
      secrets,
      namespaces: new SingleNamespace(DEFAULT_FUNCTION_NAMESPACE),
      logs,
    }),
    [SwarmDeployer, SwarmReader, SwarmScaler, tokens.ReplicaResolver, SwarmSecretStore, SwarmLogReader],
  );
  container.bind(tokens.ProviderApp).toResolvedValue(
    (roles: tokens.ProviderRoles) =>
      createProviderApp(roles, {
        logger: bindings.logger,
        ...(bindings.credentials ? { auth: bindings.credentials } : {}),
        invokeTimeoutMs: config.invokeTimeout,
      }),
    [tokens.ProviderRoles],
  );
  return container;
}
