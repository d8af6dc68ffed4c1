// The route modules of features that live in their own packages: the web UI (@faas/ui) and
// asynchronous invocation (@faas/queue). Without them their paths answer the 501 of disabled-routes.ts.
import { FaasError } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import type { QueueBackend } from '@faas/queue';
import { createAsyncRoutes } from '@faas/queue/http';
import type { Logger } from '@faas/service-kit';
import { createUiModule } from '@faas/ui';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from '../config.js';
import type { ProviderClient } from '../provider/provider-client.js';
import type { RouteModule } from './route-module.js';

/** What the feature modules need from the gateway. */
export interface FeatureModuleDeps {
  config: GatewayConfig;
  provider: ProviderClient;
  registry: Registry;
  logger: Logger;
  /** Without a queue, `/async-function/*` keeps answering 501. */
  queue?: QueueBackend;
}

/** The UI always; the async routes when there is a queue. */
export function featureModules(deps: FeatureModuleDeps): RouteModule[] {
  const { config, provider } = deps;
  const prometheusUrl = config.prometheusHost
    ? `http://${config.prometheusHost}:${config.prometheusPort}`
    : undefined;
  const modules: RouteModule[] = [createUiModule({ prometheusUrl })];
  if (deps.queue) {
    modules.push(
      createAsyncRoutes({
        backend: deps.queue,
        findFunction: async (name, namespace) => {
          const answer = await provider.call(
            'GET',
            `/system/function/${encodeURIComponent(name)}?namespace=${encodeURIComponent(namespace)}`,
          );
          // 400: the provider refuses the name or namespace (one it does not manage): no such function.
          if (answer.status === 404 || answer.status === 400) return undefined;
          if (answer.status !== 200) {
            throw new FaasError('UNAVAILABLE', `The provider answered ${answer.status}.`);
          }
          return JSON.parse(answer.text) as FunctionStatus;
        },
        defaultNamespace: config.functionNamespace,
        defaultQueue: config.queueName,
        maxBodyBytes: config.maxAsyncBodyBytes,
        callbackPolicy: config.callbackPolicy,
        logger: deps.logger,
        registry: deps.registry,
      }),
    );
  }
  return modules;
}
