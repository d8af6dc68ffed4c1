// @faas/contracts: the REST contract between the gateway and its providers. No runtime
// dependencies; the conformance kit lives under its own entry point, @faas/contracts/conformance.
export type {
  FunctionDeployment,
  FunctionStatus,
  FunctionResources,
  FunctionUsage,
  DeleteFunctionRequest,
  ScaleServiceRequest,
  FunctionEndpoint,
  FunctionEndpoints,
} from './wire/function.js';
export type { Secret, SecretDescription, DeleteSecretRequest } from './wire/secret.js';
export type { LogMessage, LogQuery } from './wire/log.js';
export type { ProviderInfo, GatewayInfo, VersionInfo } from './wire/info.js';
export type { QueueRequest, QueueMessage, RetryOverrides } from './wire/queue.js';
export type { DeadLetter, RedriveResult, RedriveAllResult } from './wire/dead-letter.js';
export { wireFields } from './wire/fields.js';
export type { WireType } from './wire/fields.js';
export { errorCatalogue, FaasError, statusOf, codeOfStatus, errorBody } from './errors.js';
export type { ErrorCode, FieldProblem } from './errors.js';
export { providerRoutes, gatewayRoutes, routeById, expressPath, INVOKE_METHODS } from './routes.js';
export type { RouteSpec, HttpMethod, WireTypeName } from './route-spec.js';
export {
  DEFAULT_FUNCTION_NAMESPACE,
  ROUTE_NAME_PATTERN,
  splitFunctionName,
  qualifiedName,
  resolveNamespace,
  isValidFunctionName,
} from './names.js';
export type { QualifiedName } from './names.js';
export { parseFunctionDeployment, dropUndefined } from './validation/function-deployment.js';
export {
  parseDeleteFunctionRequest,
  parseScaleServiceRequest,
  parseSecret,
  parseDeleteSecretRequest,
  parseLogQuery,
  secretBytes,
} from './validation/requests.js';
export { parseJsonBody } from './validation/problems.js';
export { rules, limits, textProblem, MAX_REPLICAS, MAX_ANNOTATIONS_BYTES } from './validation/rules.js';
export type { Rule, PatternRule, TextRule } from './validation/rules.js';
export { scalingLabels, readScalingLabels, scalingLabelProblems, SCALING_DEFAULTS } from './scaling.js';
export type { ScalingLabels } from './scaling.js';
export { HEADERS, HOP_BY_HOP_HEADERS, SECRETS_MOUNT_PATH, WATCHDOG_PORT } from './constants.js';
export { parseDurationMs } from './duration.js';
export { setNotReadyReason, NOT_READY_REASON_MAX_LENGTH } from './not-ready-reason.js';
