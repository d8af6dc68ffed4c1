import { DEFAULT_FUNCTION_NAMESPACE } from '@faas/contracts';
import type { ProviderInfo } from '@faas/contracts';
import type { ProviderRoles } from '@faas/provider-http';
import type { DataPaths } from './data-paths.js';
import type { LocalFunctions } from './local-functions.js';
import type { LogBuffer } from './log-buffer.js';
import type { SecretFiles } from './secret-files.js';
import { SOURCE_ANNOTATION } from './source-dir.js';

/** The provider release reported by `/system/info`. */
export const LOCAL_PROVIDER_RELEASE = '0.1.0';

/** What `/system/info` says about the local provider built from commit `sha`, keeping its data in `paths`. */
export const localProviderInfo = (sha: string, paths: DataPaths): ProviderInfo => ({
  provider: 'faas-local',
  orchestration: 'local',
  version: { release: LOCAL_PROVIDER_RELEASE, sha },
  notes: [
    'Functions run as watchdog processes on this host, one per replica, on loopback ports.',
    'Images are recorded and returned, not pulled or run: envProcess is the command that runs.',
    'limits, requests, constraints and readOnlyRootFilesystem are recorded, not enforced.',
    `A deployment annotated ${SOURCE_ANNOTATION} runs in that folder, one loopback upstream port per replica in http mode.`,
    'Secrets are files; a function finds them in the directory named by its secret_mount_path variable.',
    `One namespace: ${DEFAULT_FUNCTION_NAMESPACE}.`,
  ],
  secretMountPath: paths.functionSecretsDir('{function}', '{namespace}'),
});

/** The provider roles as thin views of the local runtime, secret files and log buffer. */
export function localRoles(
  info: ProviderInfo,
  functions: LocalFunctions,
  secrets: SecretFiles,
  logs: LogBuffer,
): ProviderRoles {
  return {
    info,
    defaultNamespace: DEFAULT_FUNCTION_NAMESPACE,
    deployer: {
      deploy: (d, ns) => functions.deploy(d, ns),
      update: (d, ns) => functions.update(d, ns),
      remove: (name, ns) => functions.remove(name, ns),
    },
    reader: {
      list: (ns) => functions.list(ns),
      get: (name, ns, options) => functions.get(name, ns, options),
    },
    scaler: { scale: (name, ns, replicas) => functions.scale(name, ns, replicas) },
    resolver: { resolve: (name, ns) => functions.resolve(name, ns) },
    secrets,
    logs,
    namespaces: { list: async () => [DEFAULT_FUNCTION_NAMESPACE] },
  };
}
