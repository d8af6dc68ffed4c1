// Every environment variable the Swarm provider reads. The README's configuration table is
// generated from this table (`describeConfig(swarmProviderSettings)`, between the config-table
// markers), and a test checks they agree.
import { providerSettings } from '@faas/provider-http';
import { loadConfig, parse } from '@faas/service-kit';
import type { ConfigOf } from '@faas/service-kit';

/** The Swarm provider's settings: the ones every provider shares, then its own. */
export const swarmProviderSettings = {
  ...providerSettings({
    port: 8080,
    bindAddress: '0.0.0.0',
    secretMountPath: '/run/secrets',
    describe: {
      port: 'Port of the provider API (8080 in its own container, as OpenFaaS providers use).',
      secretMountPath:
        'Directory with the `basic-auth-user` and `basic-auth-password` files (Docker secrets).',
      invokeTimeout:
        'Answer 504 when a function has not answered by then; `0` = never (the watchdog has its own timeouts).',
    },
  }),
  dockerHost: {
    env: 'DOCKER_HOST',
    description: 'The Docker engine of a swarm manager: `unix:///path` or `tcp://host:port`.',
    parse: parse.string,
    default: 'unix:///var/run/docker.sock',
  },
  functionNetwork: {
    env: 'function_network',
    description: 'Network for functions that name none; empty = the swarm network labelled `openfaas=true`.',
    parse: parse.string,
    default: '',
    defaultText: 'labelled openfaas=true',
  },
  replicaResolver: {
    env: 'replica_resolver',
    description:
      '`api`: task IPs from the Docker API; `dns`: `tasks.<name>` lookups (needs the provider on the functions network).',
    parse: parse.oneOf(['api', 'dns'] as const),
    default: 'api' as const,
  },
  resolverCacheTtl: {
    env: 'resolver_cache_ttl',
    description: 'How long a function’s replica addresses are reused before asking again.',
    parse: parse.duration,
    default: 1000,
    defaultText: '1s',
  },
  readinessProbeTimeout: {
    env: 'readiness_probe_timeout',
    description:
      'Timeout of the provider’s own readiness probe (`GET /_/health` on a task Docker has not judged healthy yet, see “Availability”); `0` = Docker’s health verdict only. Only with `replica_resolver=api`.',
    parse: parse.duration,
    default: 250,
    defaultText: '250ms',
  },
  functionHealthInterval: {
    env: 'function_health_interval',
    description:
      'Health-check interval given to function tasks instead of the image’s (a `docker exec` per container per interval, for the container’s life); `0` keeps the image’s.',
    parse: parse.duration,
    default: 0,
    defaultText: '0',
  },
};

/** The Swarm provider's frozen configuration; durations in milliseconds. */
export type SwarmProviderConfig = ConfigOf<typeof swarmProviderSettings>;

/** Reads the configuration from an environment map; every bad value is reported at once. */
export function loadSwarmProviderConfig(env: Record<string, string | undefined>): SwarmProviderConfig {
  return loadConfig(swarmProviderSettings, env);
}

/** dockerode's connection options for a `DOCKER_HOST` value. */
export function dockerOptions(
  host: string,
): { socketPath: string } | { host: string; port: number; protocol: 'http' } {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  const url = new URL(host.replace(/^tcp:\/\//, 'http://'));
  return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
}
