// A hand-written fake of the gateway's public API (contracts/openapi.yaml): a real HTTP server on port 0
// with in-memory functions and secrets, recording every request so tests can assert the exact
// calls each command makes.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionDeployment, FunctionStatus, LogMessage } from '@faas/contracts';

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A canned answer that replaces the fake's behaviour for one method and path. */
export interface Override {
  method: string;
  path: string;
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** The fake gateway. */
export class FakeGateway {
  readonly requests: RecordedRequest[] = [];
  readonly functions = new Map<string, FunctionStatus>();
  readonly secrets = new Map<string, string>();
  readonly overrides: Override[] = [];
  logLines: LogMessage[] = [];
  orchestration = 'swarm';
  /** When set, `/system/*` needs these Basic credentials. */
  auth?: { user: string; password: string };
  /** Replicas reported ready after a deploy; tests raise it to simulate a slow start. */
  readyAfterPolls = 0;
  private polls = new Map<string, number>();
  private server?: Server;
  url = '';

  /** Listens on 127.0.0.1; with `tls` (a PEM key and certificate) over HTTPS. */
  async start(tls?: { key: string; cert: string }): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = tls ? createTlsServer(tls, handler) : createServer(handler);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Requests to `/system/*` and `/function/*`, without health checks. */
  calls(): string[] {
    return this.requests.map(
      (r) => `${r.method} ${r.path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ''}`,
    );
  }

  /** Adds a deployed function as the provider would report it. */
  addFunction(d: Partial<FunctionStatus> & { name: string }): void {
    this.functions.set(d.name, {
      image: `${d.name}:latest`,
      namespace: 'openfaas-fn',
      labels: { faas_function: d.name },
      readOnlyRootFilesystem: false,
      replicas: 1,
      availableReplicas: 1,
      invocationCount: 0,
      createdAt: '2026-11-20T10:00:00Z',
      ...d,
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const rec: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(rec);
    const override = this.overrides.find((o) => o.method === rec.method && o.path === rec.path);
    if (override) return send(res, override.status, override.body ?? '', override.headers);
    if (rec.path.startsWith('/system/') && this.auth) {
      const expected = `Basic ${Buffer.from(`${this.auth.user}:${this.auth.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected)
        return send(res, 401, 'Unauthorized\n', { 'WWW-Authenticate': 'Basic realm="Restricted"' });
    }
    this.route(rec, res);
  }

  private route(rec: RecordedRequest, res: ServerResponse): void {
    const { method, path } = rec;
    const json = (status: number, value: unknown) =>
      send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json' });
    if (path === '/healthz') return send(res, 200, 'OK');
    if (path === '/system/info')
      return json(200, {
        provider: {
          provider: `faas-${this.orchestration}`,
          orchestration: this.orchestration,
          version: { release: '0.1.0', sha: 'abc123' },
        },
        version: { release: '0.2.0', sha: 'def456' },
        arch: 'x86_64',
      });
    if (path === '/system/namespaces') return json(200, ['openfaas-fn']);
    if (path === '/system/functions') {
      if (method === 'GET') return json(200, [...this.functions.values()]);
      if (method === 'DELETE') {
        const { functionName } = JSON.parse(rec.body) as { functionName: string };
        return this.functions.delete(functionName)
          ? send(res, 202, '')
          : send(res, 404, `Function ${functionName} not found.`);
      }
      const d = JSON.parse(rec.body) as FunctionDeployment;
      const exists = this.functions.has(d.service);
      if (method === 'PUT' && !exists) return send(res, 404, `Function ${d.service} not found.`);
      if (method === 'POST' && exists) return send(res, 409, `Function ${d.service} already exists.`);
      const { service, ...rest } = d;
      this.addFunction({
        ...rest,
        name: service,
        labels: { ...d.labels, faas_function: service },
        availableReplicas: this.readyAfterPolls ? 0 : 1,
      });
      this.polls.set(service, 0);
      return send(res, 202, '');
    }
    const fn = /^\/system\/function\/([^/]+)$/.exec(path);
    if (fn && method === 'GET') {
      const status = this.functions.get(fn[1] as string);
      if (!status) return send(res, 404, 'Not found.');
      const polls = (this.polls.get(status.name) ?? 0) + 1;
      this.polls.set(status.name, polls);
      if (this.readyAfterPolls && polls >= this.readyAfterPolls) status.availableReplicas = status.replicas;
      return json(200, { ...status, invocationCount: 0 });
    }
    const scale = /^\/system\/scale-function\/([^/]+)$/.exec(path);
    if (scale) {
      const status = this.functions.get(scale[1] as string);
      if (!status) return send(res, 404, 'Not found.');
      status.replicas = (JSON.parse(rec.body) as { replicas: number }).replicas;
      return send(res, 202, '');
    }
    if (path === '/system/secrets') {
      if (method === 'GET')
        return json(
          200,
          [...this.secrets.keys()].map((name) => ({ name, namespace: 'openfaas-fn' })),
        );
      const s = JSON.parse(rec.body) as { name: string; value?: string; rawValue?: string };
      const exists = this.secrets.has(s.name);
      if (method === 'POST' && exists) return send(res, 409, 'Secret already exists.');
      if ((method === 'PUT' || method === 'DELETE') && !exists) return send(res, 404, 'Secret not found.');
      if (method === 'DELETE') this.secrets.delete(s.name);
      else this.secrets.set(s.name, s.value ?? Buffer.from(s.rawValue ?? '', 'base64').toString('latin1'));
      return send(res, method === 'POST' ? 201 : 202, '');
    }
    if (path === '/system/logs') {
      res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
      for (const line of this.logLines) res.write(`${JSON.stringify(line)}\n`);
      return void res.end();
    }
    const invoke = /^\/(async-)?function\/([^/]+)(\/.*)?$/.exec(path);
    if (invoke) {
      const name = (invoke[2] as string).split('.')[0] as string;
      if (!this.functions.has(name)) return send(res, 404, `No such function: ${name}`);
      if (invoke[1]) return send(res, 202, '', { 'X-Call-Id': 'call-123' });
      return send(res, 200, `${rec.method} ${rec.body}`, { 'Content-Type': 'text/plain' });
    }
    send(res, 404, 'no route');
  }
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end(body);
}
