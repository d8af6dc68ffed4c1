// Support of the scaling tests: a provider fake over real HTTP whose replicas follow scale calls
// (ready after a delay), an echo upstream for its replicas, and a gateway built with scaling parts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaasError } from '@faas/contracts';
import type { FunctionStatus } from '@faas/contracts';
import type { FunctionRef } from '../src/invoke/hooks.js';
import type { FunctionReplicas, ListedFunction, ReplicaState } from '../src/scaling/function-replicas.js';
import { bodyOf, listen } from './support/servers.js';
import type { Started } from './support/servers.js';

/** One call the fake received. */
export interface ScaleCall {
  /** `name.namespace`. */
  function: string;
  /** The replicas asked for. */
  replicas: number;
  /** The body as sent. */
  body: unknown;
}

interface FakeFunction {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  replicas: number;
  available: number;
  timer?: NodeJS.Timeout;
}

/** A provider whose functions' replicas follow `POST /system/scale-function`, ready after `readyDelayMs`. */
export class ReplicaProvider {
  readonly functions = new Map<string, FakeFunction>();
  readonly scaleCalls: ScaleCall[] = [];
  /** Status reads per function. */
  readonly reads = new Map<string, number>();
  /** Time from a scale call to its replicas being ready. */
  readyDelayMs = 50;
  /** When set, scale calls answer this status and change nothing. */
  failScaleWith: number | undefined;
  /** The URL every ready replica answers on. */
  replicaUrl = '';
  /** The `ttlSeconds` of endpoint answers (0: the gateway does not cache them). */
  ttlSeconds = 0;
  private started: Started | undefined;

  get url(): string {
    return (this.started as Started).url;
  }

  add(name: string, replicas: number, labels: Record<string, string> = {}, namespace = 'openfaas-fn'): void {
    this.functions.set(`${name}.${namespace}`, {
      name,
      namespace,
      labels: { faas_function: name, ...labels },
      replicas,
      available: replicas,
    });
  }

  /** Desired replicas of a function now. */
  replicas(name: string, namespace = 'openfaas-fn'): number {
    return this.functions.get(`${name}.${namespace}`)?.replicas ?? -1;
  }

  async start(): Promise<this> {
    this.started = await listen((req, res) => void this.handle(req, res));
    return this;
  }

  async close(): Promise<void> {
    for (const fn of this.functions.values()) clearTimeout(fn.timer);
    await this.started?.close();
  }

  private status(fn: FakeFunction): FunctionStatus {
    return {
      name: fn.name,
      namespace: fn.namespace,
      image: `example/${fn.name}`,
      labels: fn.labels,
      replicas: fn.replicas,
      availableReplicas: fn.available,
      invocationCount: 0,
      createdAt: '2024-01-01T00:00:00Z',
    } as FunctionStatus;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await bodyOf(req)).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const ns = url.searchParams.get('namespace') || 'openfaas-fn';
    const name = decodeURIComponent(url.pathname.split('/')[3] ?? '');
    const fn = this.functions.get(`${name}.${ns}`);
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    };
    const text = (status: number, value: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain' }).end(value);
    };
    const path = url.pathname;
    if (path === '/system/namespaces') return json(200, ['openfaas-fn']);
    if (path === '/system/functions')
      return json(
        200,
        [...this.functions.values()].filter((f) => f.namespace === ns).map((f) => this.status(f)),
      );
    if (path.startsWith('/function/')) return text(503, `No endpoints available for: ${path.split('/')[2]}.`);
    const namespaces = new Set(['openfaas-fn', ...[...this.functions.values()].map((f) => f.namespace)]);
    if (!namespaces.has(ns)) return text(400, `namespace "${ns}" is not managed by this provider`);
    if (!fn) return text(404, 'Function not found.');
    if (path.startsWith('/system/function/')) {
      this.reads.set(`${name}.${ns}`, (this.reads.get(`${name}.${ns}`) ?? 0) + 1);
      return json(200, this.status(fn));
    }
    if (path.startsWith('/system/endpoints/'))
      return json(200, {
        name,
        namespace: ns,
        endpoints: Array.from({ length: fn.available }, () => ({ url: this.replicaUrl })),
        ttlSeconds: this.ttlSeconds,
      });
    if (path.startsWith('/system/scale-function/') && req.method === 'POST') {
      const parsed = JSON.parse(body) as { replicas: number };
      this.scaleCalls.push({ function: `${name}.${ns}`, replicas: parsed.replicas, body: parsed });
      if (this.failScaleWith) return text(this.failScaleWith, 'scale failed on purpose');
      fn.replicas = parsed.replicas;
      if (parsed.replicas < fn.available) fn.available = parsed.replicas;
      clearTimeout(fn.timer);
      fn.timer = setTimeout(() => (fn.available = fn.replicas), this.readyDelayMs);
      return text(202, '');
    }
    return text(404, 'no such route');
  }
}

/** An upstream that answers every request with its method, path and body as JSON. */
export function echoUpstream(): Promise<Started> {
  return listen(async (req, res) => {
    const body = (await bodyOf(req)).toString('utf8');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ method: req.method, path: req.url, body }));
  });
}

/** An in-memory provider view for the unit tests of the loop parts. */
export class FakeReplicas implements FunctionReplicas {
  readonly functions = new Map<string, ReplicaState & { fn: FunctionRef }>();
  readonly scaleCalls: [string, number][] = [];
  /** When set, scale calls reject with it. */
  failWith: Error | undefined;

  add(name: string, replicas: number, labels: Record<string, string> = {}): FunctionRef {
    const fn = { name, namespace: 'openfaas-fn', qualified: `${name}.openfaas-fn` };
    this.functions.set(fn.qualified, { fn, replicas, availableReplicas: replicas, labels });
    return fn;
  }

  replicas(name: string): number {
    return this.functions.get(`${name}.openfaas-fn`)?.replicas ?? -1;
  }

  async get(fn: FunctionRef): Promise<ReplicaState> {
    const found = this.functions.get(fn.qualified);
    if (!found) throw new FaasError('FUNCTION_NOT_FOUND', `Reading ${fn.qualified}: function not found.`);
    return { ...found };
  }

  async scale(fn: FunctionRef, replicas: number): Promise<void> {
    this.scaleCalls.push([fn.qualified, replicas]);
    if (this.failWith) throw this.failWith;
    const found = this.functions.get(fn.qualified);
    if (!found) throw new FaasError('FUNCTION_NOT_FOUND');
    found.replicas = replicas;
    found.availableReplicas = replicas;
  }

  async list(): Promise<ListedFunction[]> {
    return [...this.functions.values()].map((f) => ({ ...f }));
  }
}
