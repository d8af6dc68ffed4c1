// @faas/provider-swarm: functions as Docker Swarm services (dockerode).
export { toServiceSpec } from './mapping/service-spec.js';
export type { SpecContext, SecretVersionRef } from './mapping/service-spec.js';
export { toFunctionStatus, availableReplicas, isFunctionService } from './mapping/function-status.js';
export type { ServiceView, TaskView } from './mapping/function-status.js';
export { memoryBytes, nanoCpus, MIN_MEMORY_LIMIT_BYTES } from './mapping/units.js';
