// A hand-written in-memory provider for the HTTP layer's tests: records every call, keeps
// functions and secrets in maps, resolves replicas to URLs a test sets.
import { FaasError } from '@faas/contracts';
import type { FunctionDeployment, FunctionStatus, LogMessage, LogQuery, Secret } from '@faas/contracts';
import type { ProviderRoles } from '../src/roles.js';

/** What the fake provider holds and what it was asked to do. */
export interface FakeProvider {
  roles: ProviderRoles;
  functions: Map<string, FunctionStatus>;
  secrets: Map<string, Buffer>;
  replicaUrls: Map<string, string[]>;
  calls: string[];
  logLines: LogMessage[];
  /** Lines pushed here after a follower started reach it. */
  pushLog(line: LogMessage): void;
}

const key = (name: string, namespace: string): string => `${namespace}/${name}`;

export function createFakeProvider(options: { withLogs?: boolean } = {}): FakeProvider {
  const functions = new Map<string, FunctionStatus>();
  const secrets = new Map<string, Buffer>();
  const replicaUrls = new Map<string, string[]>();
  const calls: string[] = [];
  const logLines: LogMessage[] = [];
  const waiters = new Set<() => void>();
  const toStatus = (d: FunctionDeployment, namespace: string): FunctionStatus => ({
    name: d.service,
    image: d.image,
    namespace,
    ...(d.envProcess ? { envProcess: d.envProcess } : {}),
    labels: { ...d.labels, faas_function: d.service },
    readOnlyRootFilesystem: d.readOnlyRootFilesystem ?? false,
    replicas: 1,
    availableReplicas: 1,
    invocationCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
  });
  const roles: ProviderRoles = {
    info: { provider: 'fake', orchestration: 'memory', version: { release: '0.0.1', sha: 'abc' } },
    defaultNamespace: 'openfaas-fn',
    namespaces: { list: async () => ['openfaas-fn', 'team-a'] },
    deployer: {
      async deploy(d, namespace) {
        calls.push(`deploy ${namespace}/${d.service}`);
        if (functions.has(key(d.service, namespace))) throw new FaasError('CONFLICT', `${d.service} exists`);
        functions.set(key(d.service, namespace), toStatus(d, namespace));
      },
      async update(d, namespace) {
        calls.push(`update ${namespace}/${d.service}`);
        if (!functions.has(key(d.service, namespace)))
          throw new FaasError('FUNCTION_NOT_FOUND', `no ${d.service}`);
        functions.set(key(d.service, namespace), toStatus(d, namespace));
      },
      async remove(name, namespace) {
        calls.push(`remove ${namespace}/${name}`);
        if (!functions.delete(key(name, namespace))) throw new FaasError('FUNCTION_NOT_FOUND', `no ${name}`);
      },
    },
    reader: {
      list: async (namespace) => [...functions.values()].filter((f) => f.namespace === namespace),
      get: async (name, namespace, opts) => {
        calls.push(`get ${namespace}/${name}${opts?.usage ? ' usage' : ''}`);
        return functions.get(key(name, namespace));
      },
    },
    scaler: {
      async scale(name, namespace, replicas) {
        calls.push(`scale ${namespace}/${name} ${replicas}`);
        const f = functions.get(key(name, namespace));
        if (!f) throw new FaasError('FUNCTION_NOT_FOUND', `no ${name}`);
        f.replicas = replicas;
      },
    },
    resolver: {
      async resolve(name, namespace) {
        if (name === 'explodes') throw new Error('database password is hunter2');
        if (!functions.has(key(name, namespace)))
          throw new FaasError('FUNCTION_NOT_FOUND', `No such function: ${name}.`);
        return replicaUrls.get(key(name, namespace)) ?? [];
      },
    },
    secrets: {
      list: async (namespace) =>
        [...secrets.keys()]
          .filter((k) => k.startsWith(`${namespace}/`))
          .map((k) => ({ name: k.split('/')[1] as string, namespace })),
      async create(secret: Secret, namespace) {
        calls.push(`create secret ${namespace}/${secret.name}`);
        if (secrets.has(key(secret.name, namespace)))
          throw new FaasError('CONFLICT', `secret ${secret.name} exists`);
        secrets.set(key(secret.name, namespace), Buffer.from(secret.value ?? secret.rawValue ?? ''));
      },
      async update(secret: Secret, namespace) {
        if (!secrets.has(key(secret.name, namespace)))
          throw new FaasError('NOT_FOUND', `no secret ${secret.name}`);
        secrets.set(key(secret.name, namespace), Buffer.from(secret.value ?? secret.rawValue ?? ''));
      },
      async remove(name, namespace) {
        if (!secrets.delete(key(name, namespace))) throw new FaasError('NOT_FOUND', `no secret ${name}`);
      },
    },
  };
  if (options.withLogs !== false) {
    roles.logs = {
      async *read(query: LogQuery & { namespace: string }, signal: AbortSignal) {
        const matching = (): LogMessage[] => logLines.filter((l) => l.name === query.name);
        const initial = matching();
        const start = query.tail === undefined ? 0 : Math.max(0, initial.length - query.tail);
        let sent = start;
        for (;;) {
          const lines = matching();
          while (sent < lines.length) yield lines[sent++] as LogMessage;
          if (!query.follow || signal.aborted) return;
          await new Promise<void>((resolve) => {
            waiters.add(resolve);
            signal.addEventListener('abort', () => resolve(), { once: true });
          });
        }
      },
    };
  }
  return {
    roles,
    functions,
    secrets,
    replicaUrls,
    calls,
    logLines,
    pushLog(line) {
      logLines.push(line);
      for (const w of waiters) w();
      waiters.clear();
    },
  };
}
