import type {
  FunctionDeployment,
  FunctionStatus,
  FunctionResources,
  FunctionUsage,
  DeleteFunctionRequest,
  ScaleServiceRequest,
  FunctionEndpoints,
  FunctionEndpoint,
} from './function.js';
import type { Secret, SecretDescription, DeleteSecretRequest } from './secret.js';
import type { LogMessage } from './log.js';
import type { ProviderInfo, GatewayInfo, VersionInfo } from './info.js';
import type { QueueRequest, QueueMessage, RetryOverrides } from './queue.js';
import type { DeadLetter, RedriveResult, RedriveAllResult } from './dead-letter.js';

type Missing<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]>;

/**
 * Lists a type's JSON fields at run time; fails to compile when a field of `T` is left out, so
 * the list cannot drift from the type (the OpenAPI agreement test reads these lists).
 */
function fieldsOf<T>() {
  return <const K extends readonly (keyof T & string)[]>(
    keys: K & ([Missing<T, K>] extends [never] ? unknown : { missing: Missing<T, K> }),
  ): K => keys;
}

/** Every wire type's fields, by type name. */
export const wireFields = {
  FunctionDeployment: fieldsOf<FunctionDeployment>()([
    'service',
    'image',
    'namespace',
    'envProcess',
    'envVars',
    'constraints',
    'secrets',
    'labels',
    'annotations',
    'limits',
    'requests',
    'readOnlyRootFilesystem',
    'registryAuth',
    'network',
  ]),
  FunctionStatus: fieldsOf<FunctionStatus>()([
    'name',
    'image',
    'namespace',
    'envProcess',
    'envVars',
    'constraints',
    'secrets',
    'labels',
    'annotations',
    'limits',
    'requests',
    'readOnlyRootFilesystem',
    'replicas',
    'availableReplicas',
    'invocationCount',
    'createdAt',
    'usage',
    'notReadyReason',
  ]),
  FunctionResources: fieldsOf<FunctionResources>()(['memory', 'cpu']),
  FunctionUsage: fieldsOf<FunctionUsage>()(['cpu', 'totalMemoryBytes']),
  DeleteFunctionRequest: fieldsOf<DeleteFunctionRequest>()(['functionName', 'namespace']),
  ScaleServiceRequest: fieldsOf<ScaleServiceRequest>()(['serviceName', 'replicas', 'namespace']),
  FunctionEndpoints: fieldsOf<FunctionEndpoints>()(['name', 'namespace', 'endpoints', 'ttlSeconds']),
  FunctionEndpoint: fieldsOf<FunctionEndpoint>()(['url']),
  Secret: fieldsOf<Secret>()(['name', 'namespace', 'value', 'rawValue']),
  SecretDescription: fieldsOf<SecretDescription>()(['name', 'namespace']),
  DeleteSecretRequest: fieldsOf<DeleteSecretRequest>()(['name', 'namespace']),
  LogMessage: fieldsOf<LogMessage>()(['name', 'namespace', 'instance', 'timestamp', 'text']),
  ProviderInfo: fieldsOf<ProviderInfo>()([
    'provider',
    'orchestration',
    'version',
    'notes',
    'secretMountPath',
  ]),
  GatewayInfo: fieldsOf<GatewayInfo>()(['provider', 'version', 'arch']),
  VersionInfo: fieldsOf<VersionInfo>()(['release', 'sha', 'commit_message']),
  QueueRequest: fieldsOf<QueueRequest>()([
    'callId',
    'function',
    'namespace',
    'method',
    'path',
    'query',
    'headers',
    'body',
    'callbackUrl',
    'enqueuedAt',
  ]),
  QueueMessage: fieldsOf<QueueMessage>()(['request', 'retry']),
  RetryOverrides: fieldsOf<RetryOverrides>()(['attempts', 'codes', 'minWaitMs', 'maxWaitMs']),
  DeadLetter: fieldsOf<DeadLetter>()(['id', 'queue', 'message', 'attempts', 'reason', 'status', 'deadAt']),
  RedriveResult: fieldsOf<RedriveResult>()(['id', 'queue', 'callId']),
  RedriveAllResult: fieldsOf<RedriveAllResult>()(['redriven']),
} as const;

/** Names of the wire types that have field lists. */
export type WireType = keyof typeof wireFields;
