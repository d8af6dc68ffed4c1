// The provider as scaling sees it: read a function's replicas and labels, set its
// replicas, list every function. One role, three methods; tests hand in a fake.
import { inject, injectable } from 'inversify';
import { FaasError, qualifiedName } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import type { FunctionRef } from '../invoke/hooks.js';
import type { CallOptions, ProviderAnswer } from '../provider/provider-client.js';

/** What scaling reads about one function. */
export interface ReplicaState {
  /** Desired replicas. */
  replicas: number;
  /** Ready replicas. */
  availableReplicas: number;
  /** The function's labels (scaling labels among them). */
  labels: Record<string, string>;
}

/** One function of a listing, with its state. */
export interface ListedFunction extends ReplicaState {
  /** The function as the invocation path names it. */
  fn: FunctionRef;
}

/** Reads and sets replicas through the provider. */
export interface FunctionReplicas {
  /** The function's state; FUNCTION_NOT_FOUND when the provider does not know it. */
  get(fn: FunctionRef): Promise<ReplicaState>;
  /** Sets the desired replicas (0 allowed). */
  scale(fn: FunctionRef, replicas: number): Promise<void>;
  /** Every function in every namespace the provider lists. */
  list(): Promise<ListedFunction[]>;
}
/** The injection token of {@link FunctionReplicas}. */
export const FunctionReplicas = Symbol('FunctionReplicas');

/** The one method of the provider client scaling uses. */
export interface ProviderCaller {
  /** One buffered call to a provider path. */
  call(method: string, path: string, options?: CallOptions): Promise<ProviderAnswer>;
}
/** The injection token of the {@link ProviderCaller} (the gateway's provider client). */
export const ProviderCaller = Symbol('ProviderCaller');

/** The injection token of the namespace of a function named without one. */
export const DefaultNamespace = Symbol('DefaultNamespace');
export type DefaultNamespace = string;

/** A provider answer that is not what we asked for, in one line; `notFound` statuses mean no such function. */
function unexpected(what: string, answer: ProviderAnswer, notFound = [404]): FaasError {
  if (notFound.includes(answer.status))
    return new FaasError('FUNCTION_NOT_FOUND', `${what}: function not found.`);
  const said = answer.text.trim().split('\n')[0]?.slice(0, 200) ?? '';
  return new FaasError(
    'UNAVAILABLE',
    `${what}: the provider answered ${answer.status}${said ? ` (${said})` : ''}.`,
  );
}

function stateOf(status: FunctionStatus): ReplicaState {
  return {
    replicas: Number(status.replicas) || 0,
    availableReplicas: Number(status.availableReplicas) || 0,
    labels: status.labels ?? {},
  };
}

/** {@link FunctionReplicas} over the provider's HTTP API. */
@injectable()
export class ProviderReplicas implements FunctionReplicas {
  constructor(
    @inject(ProviderCaller) private readonly provider: ProviderCaller,
    @inject(DefaultNamespace) private readonly defaultNamespace: string,
  ) {}

  async get(fn: FunctionRef): Promise<ReplicaState> {
    const path = `/system/function/${encodeURIComponent(fn.name)}?namespace=${encodeURIComponent(fn.namespace)}`;
    const answer = await this.provider.call('GET', path);
    // 400: a name or namespace the provider refuses, which no function has.
    if (answer.status !== 200) throw unexpected(`Reading ${fn.qualified}`, answer, [400, 404]);
    return stateOf(JSON.parse(answer.text) as FunctionStatus);
  }

  async scale(fn: FunctionRef, replicas: number): Promise<void> {
    const path = `/system/scale-function/${encodeURIComponent(fn.name)}?namespace=${encodeURIComponent(fn.namespace)}`;
    const body = { serviceName: fn.name, namespace: fn.namespace, replicas };
    const answer = await this.provider.call('POST', path, { body });
    if (answer.status < 200 || answer.status > 299)
      throw unexpected(`Scaling ${fn.qualified} to ${replicas}`, answer);
  }

  async list(): Promise<ListedFunction[]> {
    const listed: ListedFunction[] = [];
    for (const namespace of await this.namespaces()) {
      const answer = await this.provider.call(
        'GET',
        `/system/functions?namespace=${encodeURIComponent(namespace)}`,
      );
      if (answer.status !== 200) throw unexpected(`Listing functions in ${namespace}`, answer);
      for (const status of JSON.parse(answer.text) as FunctionStatus[]) {
        const ns = status.namespace || namespace;
        listed.push({
          fn: { name: status.name, namespace: ns, qualified: qualifiedName(status.name, ns) },
          ...stateOf(status),
        });
      }
    }
    return listed;
  }

  private async namespaces(): Promise<string[]> {
    const answer = await this.provider.call('GET', '/system/namespaces');
    const names = answer.status === 200 ? (JSON.parse(answer.text) as unknown) : undefined;
    return Array.isArray(names) && names.length > 0 ? names.map(String) : [this.defaultNamespace];
  }
}
