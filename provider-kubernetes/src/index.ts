// @faas/provider-kubernetes: functions as Deployments and Services. The process is main.ts; these
// exports are for tools and tests (the mapping is pure and usable on its own).
export { createContainer } from './container.js';
export type { ContainerInputs } from './container.js';
export { KubernetesProvider } from './kubernetes-provider.js';
export { kubernetesProviderSettings, loadKubernetesProviderConfig } from './config.js';
export type { KubernetesProviderConfig } from './config.js';
export { loadKubeConfig, KubeConfigError } from './kube/kube-config.js';
export { toDeployment } from './mapping/deployment-object.js';
export { toService } from './mapping/service-object.js';
export { toFunctionStatus } from './mapping/function-status.js';
export { DEFAULT_FUNCTION_OBJECT_OPTIONS } from './mapping/function-options.js';
export type { FunctionObjectOptions, ProbeTiming } from './mapping/function-options.js';
export { NAMESPACE_ANNOTATION } from './roles/annotated-namespace-lister.js';
