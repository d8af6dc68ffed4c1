// The gateway's public API (contracts/openapi.yaml), one function per call, named after what the user does.
import type {
  DeadLetter,
  FunctionDeployment,
  FunctionStatus,
  GatewayInfo,
  LogMessage,
  RedriveAllResult,
  RedriveResult,
  SecretDescription,
} from '@faas/contracts';
import type { FunctionRef } from '../lib/routes.js';
import { gatewayConnection } from './connection.js';
import { ApiError, call, callJson } from './http.js';
import type { CallOptions } from './http.js';

/** How a read may be bounded: a timeout (polls), an abort (page left). */
export type ReadOptions = Pick<CallOptions, 'timeoutMs' | 'signal'>;

const e = encodeURIComponent;

/** Namespaces the provider manages. */
export function listNamespaces(read: ReadOptions = {}): Promise<string[]> {
  return callJson('list namespaces', 'GET', '/system/namespaces', read);
}

/** Functions of one namespace (the provider's default when undefined). */
export function listFunctions(namespace?: string, read: ReadOptions = {}): Promise<FunctionStatus[]> {
  return callJson('list functions', 'GET', '/system/functions', { ...read, query: { namespace } });
}

/** One function's status. */
export function getFunction(fn: FunctionRef, read: ReadOptions = {}): Promise<FunctionStatus> {
  return callJson(`read function ${fn.name}`, 'GET', `/system/function/${e(fn.name)}`, {
    ...read,
    query: { namespace: fn.namespace, usage: '1' },
  });
}

/** Deploys a new function (POST) or updates one (PUT). */
export async function deployFunction(deployment: FunctionDeployment, update: boolean): Promise<void> {
  const verb = update ? 'update' : 'deploy';
  await call(`${verb} ${deployment.service}`, update ? 'PUT' : 'POST', '/system/functions', {
    json: deployment,
  });
}

/** Deletes a function. */
export async function deleteFunction(fn: FunctionRef): Promise<void> {
  await call(`delete ${fn.name}`, 'DELETE', '/system/functions', {
    json: { functionName: fn.name, namespace: fn.namespace },
  });
}

/** Sets a function's desired replicas (0 allowed). */
export async function scaleFunction(fn: FunctionRef, replicas: number): Promise<void> {
  await call(`scale ${fn.name} to ${replicas}`, 'POST', `/system/scale-function/${e(fn.name)}`, {
    query: { namespace: fn.namespace },
    json: { serviceName: fn.name, namespace: fn.namespace, replicas },
  });
}

/** Secrets of a namespace (names only; values are never returned). */
export function listSecrets(namespace?: string): Promise<SecretDescription[]> {
  return callJson('list secrets', 'GET', '/system/secrets', { query: { namespace } });
}

/** What a secret write sends: the text value, or bytes as base64. */
export type SecretValue = { value: string } | { rawValue: string };

/** Creates (POST) or replaces (PUT) a secret's value. */
export async function writeSecret(
  name: string,
  namespace: string | undefined,
  value: SecretValue,
  update: boolean,
): Promise<void> {
  await call(`${update ? 'update' : 'create'} secret ${name}`, update ? 'PUT' : 'POST', '/system/secrets', {
    query: { namespace },
    json: { name, namespace, ...value },
  });
}

/** Deletes a secret. */
export async function deleteSecret(name: string, namespace: string | undefined): Promise<void> {
  await call(`delete secret ${name}`, 'DELETE', '/system/secrets', {
    query: { namespace },
    json: { name, namespace },
  });
}

/** The gateway's and provider's versions. */
export function systemInfo(): Promise<GatewayInfo> {
  return callJson('read the system info', 'GET', '/system/info');
}

/** Where the dead letters of asynchronous calls are (contracts' async routes). */
const DEAD_LETTERS = '/system/async/dead-letters';

/** Dead letters, oldest first (at most `limit`, 1–1000). */
export function listDeadLetters(limit: number, read: ReadOptions = {}): Promise<DeadLetter[]> {
  return callJson('list the dead letters', 'GET', DEAD_LETTERS, { ...read, query: { limit: String(limit) } });
}

/** Puts one dead letter back on its queue with fresh attempts. */
export function redriveDeadLetter(id: string): Promise<RedriveResult> {
  return callJson(`re-drive dead letter ${id}`, 'POST', `${DEAD_LETTERS}/${e(id)}/redrive`);
}

/** Puts the oldest `limit` dead letters back on their queues. */
export function redriveDeadLetters(limit: number): Promise<RedriveAllResult> {
  return callJson('re-drive the dead letters', 'POST', `${DEAD_LETTERS}/redrive`, {
    query: { limit: String(limit) },
  });
}

/** Discards one dead letter without running it. */
export async function discardDeadLetter(id: string): Promise<void> {
  await call(`discard dead letter ${id}`, 'DELETE', `${DEAD_LETTERS}/${e(id)}`);
}

/** The gateway's /metrics as text. */
export async function readMetrics(read: ReadOptions = {}): Promise<string> {
  return (await call('read the gateway metrics', 'GET', '/metrics', read)).text();
}

/** What `readLogs` takes. */
export interface LogOptions {
  /** Only the last N lines of history. */
  tail: number;
  /** Keep reading new lines until aborted. */
  follow: boolean;
  /** Stops the stream. */
  signal: AbortSignal;
}

/** Streams a function's logs (NDJSON), calling `onLine` per message until the end or abort. */
export async function readLogs(
  fn: FunctionRef,
  options: LogOptions,
  onLine: (m: LogMessage) => void,
): Promise<void> {
  const res = await call(`read the logs of ${fn.name}`, 'GET', '/system/logs', {
    query: {
      name: fn.name,
      namespace: fn.namespace,
      tail: String(options.tail),
      follow: String(options.follow),
    },
    signal: options.signal,
  });
  if (!res.body) return;
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch (err) {
      // Stopped on purpose (page left, or the caller's own time limit): not the gateway's doing.
      if (['AbortError', 'TimeoutError'].includes((err as Error).name)) throw err;
      // The connection was cut mid-stream: the gateway went away (or something between).
      gatewayConnection.unanswered(`The log stream was cut (${(err as Error).message})`);
      throw new ApiError(`follow the logs of ${fn.name}`, 0, (err as Error).message);
    }
    const { done, value } = chunk;
    if (done) break;
    buffered += value;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) onLine(JSON.parse(line) as LogMessage);
    }
  }
  if (buffered.trim()) onLine(JSON.parse(buffered) as LogMessage);
}
