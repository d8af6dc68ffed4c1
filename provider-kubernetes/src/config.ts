import { DEFAULT_FUNCTION_NAMESPACE, isValidFunctionName } from '@faas/contracts';
import { providerSettings } from '@faas/provider-http';
import { loadConfig, parse } from '@faas/service-kit';
import type { ConfigOf } from '@faas/service-kit';
import type { FunctionObjectOptions } from './mapping/function-options.js';
import { DEFAULT_FUNCTION_OBJECT_OPTIONS as defaults } from './mapping/function-options.js';

const seconds = parse.integer(0, 3600);

/**
 * Every environment variable the Kubernetes provider reads (OpenFaaS faas-netes names where the
 * concept is shared). The README's configuration table is generated from it and a test checks
 * they agree. How the provider reaches the API server is not here: see `loadKubeConfig`.
 */
export const kubernetesProviderSettings = {
  ...providerSettings({
    port: 8081,
    bindAddress: '0.0.0.0',
    secretMountPath: '/var/openfaas/secrets',
    describe: {
      bindAddress: 'Address to listen on; the manifests run the provider beside the gateway on 127.0.0.1.',
      basicAuth: 'Require basic auth on `/system/*` (the gateway sends its own credentials).',
      invokeTimeout: 'The provider answers 504 when a function has not answered by then; `0` = never.',
    },
  }),
  functionNamespace: {
    env: 'function_namespace',
    description: 'Namespace functions go to when a request names none; always served.',
    parse: (raw: string) => {
      if (!isValidFunctionName(raw.trim()))
        throw new Error(`"${raw}" is not a DNS-1123 label, use e.g. openfaas-fn`);
      if (raw.trim() === 'kube-system')
        throw new Error('kube-system is never used for functions, use e.g. openfaas-fn');
      return raw.trim();
    },
    default: DEFAULT_FUNCTION_NAMESPACE,
  },
  imagePullPolicy: {
    env: 'image_pull_policy',
    description: "Functions' `imagePullPolicy`: Always, IfNotPresent or Never; unset = Kubernetes' default.",
    parse: parse.oneOf(['Always', 'IfNotPresent', 'Never'] as const),
    default: undefined as 'Always' | 'IfNotPresent' | 'Never' | undefined,
    defaultText: '',
  },
  httpProbe: {
    env: 'http_probe',
    description: 'Probe functions with `GET /_/health` on the watchdog; false runs `cat /tmp/.lock`.',
    parse: parse.boolean,
    default: defaults.httpProbe,
  },
  nonRootUser: {
    env: 'set_nonroot_user',
    description: 'Run function containers as user 12000.',
    parse: parse.boolean,
    default: defaults.nonRootUser,
  },
  readinessInitialDelay: {
    env: 'readiness_probe_initial_delay_seconds',
    description: 'Readiness probe: seconds before the first probe.',
    parse: seconds,
    default: defaults.readiness.initialDelaySeconds,
  },
  readinessPeriod: {
    env: 'readiness_probe_period_seconds',
    description: 'Readiness probe: seconds between probes.',
    parse: parse.integer(1, 3600),
    default: defaults.readiness.periodSeconds,
  },
  readinessTimeout: {
    env: 'readiness_probe_timeout_seconds',
    description: 'Readiness probe: seconds before one probe fails.',
    parse: parse.integer(1, 3600),
    default: defaults.readiness.timeoutSeconds,
  },
  livenessInitialDelay: {
    env: 'liveness_probe_initial_delay_seconds',
    description: 'Liveness probe: seconds before the first probe.',
    parse: seconds,
    default: defaults.liveness.initialDelaySeconds,
  },
  livenessPeriod: {
    env: 'liveness_probe_period_seconds',
    description: 'Liveness probe: seconds between probes.',
    parse: parse.integer(1, 3600),
    default: defaults.liveness.periodSeconds,
  },
  livenessTimeout: {
    env: 'liveness_probe_timeout_seconds',
    description: 'Liveness probe: seconds before one probe fails.',
    parse: parse.integer(1, 3600),
    default: defaults.liveness.timeoutSeconds,
  },
  kubeconfig: {
    env: 'KUBECONFIG',
    description:
      'Kubeconfig file to use (the first of a list); wins over the in-cluster service account. See "Reaching the API server".',
    parse: parse.string,
    default: '',
  },
  gitSha: {
    env: 'FAAS_GIT_SHA',
    description: 'The commit this build comes from, reported by `/system/info` (set by the image build).',
    parse: parse.string,
    default: 'dev',
  },
};

/** The provider's frozen configuration; durations in milliseconds. */
export type KubernetesProviderConfig = ConfigOf<typeof kubernetesProviderSettings>;

/** Reads the configuration from an environment map; every bad value is reported at once. */
export function loadKubernetesProviderConfig(
  env: Record<string, string | undefined>,
): KubernetesProviderConfig {
  return loadConfig(kubernetesProviderSettings, env);
}

/** The options that shape every function's objects, from the configuration. */
export function functionObjectOptions(config: KubernetesProviderConfig): FunctionObjectOptions {
  return {
    httpProbe: config.httpProbe,
    nonRootUser: config.nonRootUser,
    ...(config.imagePullPolicy ? { imagePullPolicy: config.imagePullPolicy } : {}),
    readiness: {
      initialDelaySeconds: config.readinessInitialDelay,
      periodSeconds: config.readinessPeriod,
      timeoutSeconds: config.readinessTimeout,
    },
    liveness: {
      initialDelaySeconds: config.livenessInitialDelay,
      periodSeconds: config.livenessPeriod,
      timeoutSeconds: config.livenessTimeout,
    },
  };
}
