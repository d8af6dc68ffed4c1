// A hand-written provider speaking the provider contract over real HTTP, recording what it receives.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FunctionStatus } from '@faas/contracts';
import { bodyOf, listen } from './servers.js';
import type { Started } from './servers.js';

/** One request the fake provider received. */
export interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A function the fake provider knows, with the URLs of its ready replicas. */
export interface FakeFunction {
  status: FunctionStatus;
  replicas: string[];
}

/** How the fake answers `GET /system/endpoints/{name}`. */
export type EndpointsMode = 'supported' | 'missing-404' | 'missing-501';

export class FakeProvider {
  readonly functions = new Map<string, FakeFunction>();
  readonly received: Received[] = [];
  endpoints: EndpointsMode = 'supported';
  /** The namespaces it manages; a request naming another is 400, as the shared provider layer answers. */
  namespaces = ['openfaas-fn', 'team-a', 'team-q'];
  ttlSeconds = 5;
  healthy = true;
  /** `GET /system/functions` answers 500 while set. */
  failLists = false;
  /** `GET /system/endpoints/…` and `GET /system/function/…` answer 500 while set (a failing provider). */
  failLookups = false;
  /** Lines `/system/logs` sends, one every `logIntervalMs`. */
  logLines: string[] = [];
  logIntervalMs = 50;
  private started: Started | undefined;

  constructor(private readonly authorization?: string) {}

  get url(): string {
    return (this.started as Started).url;
  }

  /** Adds a function with replicas at these URLs. */
  add(name: string, replicas: string[], namespace = 'openfaas-fn', desired = replicas.length): void {
    this.functions.set(`${name}.${namespace}`, {
      replicas,
      status: {
        name,
        namespace,
        image: `example/${name}:latest`,
        labels: { faas_function: name },
        readOnlyRootFilesystem: false,
        replicas: desired,
        availableReplicas: replicas.length,
        invocationCount: 0,
        createdAt: '2024-01-01T00:00:00Z',
      },
    });
  }

  /** Requests whose path starts with `prefix`. */
  calls(prefix: string): Received[] {
    return this.received.filter((r) => r.url.startsWith(prefix));
  }

  async start(): Promise<this> {
    this.started = await listen((req, res) => void this.handle(req, res));
    return this;
  }

  close(): Promise<void> {
    return this.started?.close() ?? Promise.resolve();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await bodyOf(req)).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    this.received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
      body,
    });
    const path = url.pathname;
    const ns = url.searchParams.get('namespace') || 'openfaas-fn';
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const text = (status: number, value: string): void => {
      res.writeHead(status, { 'content-type': 'text/plain', 'x-openfaas-internal': 'provider' });
      res.end(value);
    };
    if (path === '/healthz') return this.healthy ? text(200, 'OK') : text(500, 'sick');
    if (path.startsWith('/function/')) return this.invoke(req, res, path, url.search, body);
    if (this.authorization && req.headers.authorization !== this.authorization)
      return text(401, 'Unauthorized');
    const name = decodeURIComponent(path.split('/')[3] ?? '');
    if (!this.namespaces.includes(ns)) return text(400, `namespace "${ns}" is not managed by this provider`);
    if (path === '/system/info') {
      return json(200, {
        provider: 'fake',
        orchestration: 'local',
        version: { release: '9.9.9', sha: 'abc' },
      });
    }
    if (path === '/system/namespaces') return json(200, this.namespaces);
    if (path === '/system/functions' && req.method === 'GET' && this.failLists) return text(500, 'down');
    if (path === '/system/functions' && req.method === 'GET') {
      return json(
        200,
        [...this.functions.values()].filter((f) => f.status.namespace === ns).map((f) => f.status),
      );
    }
    if (path === '/system/logs') return this.logs(res);
    if (this.failLookups && (path.startsWith('/system/endpoints/') || path.startsWith('/system/function/')))
      return text(500, 'lookup failed');
    if (path.startsWith('/system/endpoints/')) {
      if (this.endpoints === 'missing-404') return text(404, 'Cannot GET ' + path);
      if (this.endpoints === 'missing-501') return text(501, 'Not implemented.');
      const fn = this.functions.get(`${name}.${ns}`);
      if (!fn) return text(404, 'Function not found.');
      return json(200, {
        name,
        namespace: ns,
        endpoints: fn.replicas.map((u) => ({ url: u })),
        ttlSeconds: this.ttlSeconds,
      });
    }
    if (path.startsWith('/system/function/')) {
      const fn = this.functions.get(`${name}.${ns}`);
      return fn ? json(200, fn.status) : text(404, 'Function not found.');
    }
    if (path.startsWith('/system/')) return text(202, '');
    return text(404, 'no such route');
  }

  /** The provider's own proxy: answers itself, so tests can tell it from a direct call. */
  private invoke(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    search: string,
    body: string,
  ): void {
    const [qualified = '', ...rest] = path.slice('/function/'.length).split('/');
    const fn = this.functions.get(qualified.includes('.') ? qualified : `${qualified}.openfaas-fn`);
    if (!fn) {
      res.writeHead(404, { 'x-openfaas-internal': 'proxy' });
      res.end('Function not found.');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-via': 'provider' });
    res.end(
      JSON.stringify({
        via: 'provider',
        function: qualified,
        path: `/${rest.join('/')}${search}`,
        body,
        method: req.method,
      }),
    );
  }

  private logs(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    let i = 0;
    const next = (): void => {
      if (i >= this.logLines.length) return void res.end();
      res.write(`${this.logLines[i++]}\n`);
      setTimeout(next, this.logIntervalMs);
    };
    next();
  }
}
