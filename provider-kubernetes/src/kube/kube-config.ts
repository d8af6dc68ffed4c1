// How the provider reaches the API server: a kubeconfig named by KUBECONFIG, else the pod's
// service account (in-cluster), else ~/.kube/config; anything else is a startup error that says
// what was tried. client-node's own `loadFromDefault` would silently fall back to localhost:8080.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/** Where Kubernetes mounts a pod's service-account token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The provider cannot know how to reach the API server. */
export class KubeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeConfigError';
  }
}

/** A loaded configuration and, for the startup log line, where it came from. */
export interface LoadedKubeConfig {
  /** The configuration. */
  kubeConfig: KubeConfig;
  /** `in-cluster service account`, `KUBECONFIG=/path`, or `~/.kube/config`. */
  source: string;
  /** The API server URL. */
  server: string;
}

/** Where to look; tests point these at temporary directories. */
export interface KubeConfigPlaces {
  /** The service-account directory. */
  serviceAccountDir?: string;
  /** The home directory holding `.kube/config`. */
  homeDir?: string;
}

/** Loads the configuration from `env` (KUBECONFIG, KUBERNETES_SERVICE_HOST/PORT) and the filesystem. */
export function loadKubeConfig(
  env: Record<string, string | undefined>,
  places: KubeConfigPlaces = {},
): LoadedKubeConfig {
  const saDir = places.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const home = places.homeDir ?? homedir();
  const kc = new KubeConfig();
  let source: string;
  const explicit = env.KUBECONFIG?.trim();
  if (explicit) {
    const files = explicit.split(':').filter(Boolean);
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length > 0)
      throw new KubeConfigError(`KUBECONFIG names ${missing.join(', ')}, which does not exist`);
    load(kc, files[0] as string);
    source = `KUBECONFIG=${files[0]}`;
  } else if (env.KUBERNETES_SERVICE_HOST && existsSync(join(saDir, 'token'))) {
    inCluster(kc, env, saDir);
    source = 'in-cluster service account';
  } else if (existsSync(join(home, '.kube', 'config'))) {
    load(kc, join(home, '.kube', 'config'));
    source = '~/.kube/config';
  } else {
    throw new KubeConfigError(
      'no way to reach the Kubernetes API server: not running in a pod with a service account ' +
        `(KUBERNETES_SERVICE_HOST is ${env.KUBERNETES_SERVICE_HOST ? 'set' : 'unset'}, ${join(saDir, 'token')} ` +
        `${existsSync(join(saDir, 'token')) ? 'exists' : 'is missing'}), KUBECONFIG is unset and ` +
        `${join(home, '.kube', 'config')} does not exist. Deploy with deploy/kubernetes/ or set KUBECONFIG.`,
    );
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) {
    throw new KubeConfigError(
      `${source}: the current context "${kc.getCurrentContext()}" names no cluster with a server`,
    );
  }
  return { kubeConfig: kc, source, server: cluster.server };
}

function load(kc: KubeConfig, file: string): void {
  try {
    kc.loadFromFile(file);
  } catch (err) {
    throw new KubeConfigError(`cannot read kubeconfig ${file}: ${(err as Error).message}`);
  }
}

/** As client-node's `loadFromCluster`, but from the env map given (the token file is re-read as it rotates). */
function inCluster(kc: KubeConfig, env: Record<string, string | undefined>, saDir: string): void {
  const host = env.KUBERNETES_SERVICE_HOST as string;
  const port = env.KUBERNETES_SERVICE_PORT || '443';
  const scheme = ['80', '8080', '8001'].includes(port) ? 'http' : 'https';
  kc.loadFromOptions({
    clusters: [
      {
        name: 'inCluster',
        server: `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`,
        caFile: join(saDir, 'ca.crt'),
        skipTLSVerify: false,
      },
    ],
    users: [
      {
        name: 'inClusterUser',
        authProvider: { name: 'tokenFile', config: { tokenFile: join(saDir, 'token') } },
      },
    ],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser' }],
    currentContext: 'inClusterContext',
  });
}
