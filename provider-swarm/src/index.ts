// @faas/provider-swarm: functions as Docker Swarm services (dockerode).
export { toServiceSpec } from './service-spec.js';
export type { SpecContext, SecretVersionRef } from './service-spec.js';
export { toFunctionStatus, availableReplicas, isFunctionService } from './function-status.js';
export type { ServiceView, TaskView } from './function-status.js';
export { memoryBytes, nanoCpus, MIN_MEMORY_LIMIT_BYTES } from './units.js';
