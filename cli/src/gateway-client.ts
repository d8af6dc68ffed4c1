import type {
  FunctionDeployment,
  FunctionStatus,
  GatewayInfo,
  LogMessage,
  Secret,
  SecretDescription,
} from '@faas/contracts';
import { CliError } from './errors.js';
import { GatewayError } from './gateway-error.js';
import { readNdjson } from './ndjson.js';

/** Basic-auth credentials for `/system/*`. */
export interface Credentials {
  /** User name (`admin` by default on the gateway). */
  user: string;
  /** Password. */
  password: string;
}

/** How `/system/*` calls authenticate: Basic credentials, or a Bearer token (`--token`). */
export type GatewayAuth = Credentials | { /** Sent as `Authorization: Bearer <token>`. */ token: string };

/** What `invoke` sends. */
export interface InvokeRequest {
  /** HTTP method; POST by default. */
  method: string;
  /** Request headers. */
  headers: Record<string, string>;
  /** Raw query string without `?`. */
  query: string;
  /** Body; none for GET and HEAD. */
  body?: Buffer;
  /** Queue it: `/async-function/…` instead of `/function/…`. */
  async: boolean;
}

/** Options of `GET /system/logs`. */
export interface LogsRequest {
  /** The function. */
  name: string;
  /** Its namespace. */
  namespace?: string;
  /** Only this replica. */
  instance?: string;
  /** Only the last N lines. */
  tail?: number;
  /** Keep the stream open for new lines. */
  follow: boolean;
  /** Only lines since this time, RFC 3339. */
  since?: string;
}

type Query = Record<string, string | undefined>;
interface Call {
  query?: Query;
  json?: unknown;
  body?: Buffer;
  headers?: Record<string, string>;
  auth?: boolean;
}

/** A small client of the gateway's public API (contracts/openapi.yaml): one method per CLI route. */
export class GatewayClient {
  /** The gateway URL without a trailing slash. */
  readonly url: string;

  constructor(
    url: string,
    private readonly auth: GatewayAuth | undefined,
    private readonly fetchFn: typeof fetch = globalThis.fetch,
  ) {
    this.url = url.replace(/\/+$/, '');
  }

  /** Sends one request; network failures become a CliError naming the gateway. */
  async request(method: string, path: string, call: Call = {}): Promise<Response> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined && v !== '') params.set(k, v);
    const qs = params.toString();
    const headers: Record<string, string> = { ...call.headers };
    if (call.auth !== false && this.auth) {
      headers.Authorization =
        'token' in this.auth
          ? `Bearer ${this.auth.token}`
          : `Basic ${Buffer.from(`${this.auth.user}:${this.auth.password}`).toString('base64')}`;
    }
    let body: string | Buffer | undefined = call.body;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['Content-Type'] = 'application/json';
    }
    try {
      return await this.fetchFn(`${this.url}${path}${qs ? `?${qs}` : ''}`, {
        method,
        headers,
        body,
        redirect: 'manual',
      });
    } catch (err) {
      const cause = (err as { cause?: Error }).cause ?? (err as Error);
      throw new CliError(`cannot reach the gateway at ${this.url}: ${cause.message}`);
    }
  }

  /** Reads the body and throws a GatewayError unless the status is one of `ok`. */
  private async expect(res: Response, ok: number[], action: string): Promise<string> {
    const text = await res.text();
    if (!ok.includes(res.status)) throw new GatewayError(action, res.status, text);
    return text;
  }

  private async json<T>(res: Response, action: string): Promise<T> {
    const text = await this.expect(res, [200], action);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`${action}: the gateway answered 200 with a body that is not JSON`);
    }
  }

  /** `GET /system/info`. */
  async info(): Promise<GatewayInfo> {
    return this.json(await this.request('GET', '/system/info'), 'read gateway info');
  }

  /** `GET /healthz`: the status, or a CliError when the gateway cannot be reached. */
  async health(): Promise<number> {
    const res = await this.request('GET', '/healthz', { auth: false });
    await res.arrayBuffer();
    return res.status;
  }

  /** `GET /system/functions`. */
  async listFunctions(namespace?: string): Promise<FunctionStatus[]> {
    const res = await this.request('GET', '/system/functions', { query: { namespace } });
    return this.json(res, 'list functions');
  }

  /** `GET /system/function/{name}`; a GatewayError with status 404 when it does not exist. */
  async getFunction(name: string, namespace?: string, usage = false): Promise<FunctionStatus> {
    const query = { namespace, usage: usage ? '1' : undefined };
    const res = await this.request('GET', `/system/function/${encodeURIComponent(name)}`, { query });
    return this.json(res, `describe ${name}`);
  }

  /**
   * `PUT /system/functions`, then `POST` when the gateway answers 404 (as faas-cli does);
   * with `update` false only the `POST`.
   */
  async deployFunction(deployment: FunctionDeployment, update = true): Promise<'updated' | 'created'> {
    const action = `deploy ${deployment.service}`;
    if (update) {
      const put = await this.request('PUT', '/system/functions', { json: deployment });
      if (put.status !== 404) {
        await this.expect(put, [200, 201, 202], action);
        return 'updated';
      }
      await put.arrayBuffer();
    }
    const post = await this.request('POST', '/system/functions', { json: deployment });
    await this.expect(post, [200, 201, 202], action);
    return 'created';
  }

  /** `DELETE /system/functions` with `{"functionName","namespace"}`; false when it did not exist. */
  async removeFunction(name: string, namespace?: string): Promise<boolean> {
    const res = await this.request('DELETE', '/system/functions', {
      json: { functionName: name, namespace },
    });
    if (res.status === 404) {
      await res.arrayBuffer();
      return false;
    }
    await this.expect(res, [200, 201, 202], `remove ${name}`);
    return true;
  }

  /** `POST /system/scale-function/{name}`. */
  async scaleFunction(name: string, replicas: number, namespace?: string): Promise<void> {
    const res = await this.request('POST', `/system/scale-function/${encodeURIComponent(name)}`, {
      query: { namespace },
      json: { serviceName: name, replicas, namespace },
    });
    await this.expect(res, [200, 202], `scale ${name}`);
  }

  /** `GET /system/secrets`. */
  async listSecrets(namespace?: string): Promise<SecretDescription[]> {
    return this.json(await this.request('GET', '/system/secrets', { query: { namespace } }), 'list secrets');
  }

  /** `POST` (create) or `PUT` (update) `/system/secrets`; returns the status for the caller to judge. */
  async writeSecret(method: 'POST' | 'PUT', secret: Secret): Promise<{ status: number; body: string }> {
    const res = await this.request(method, '/system/secrets', { json: secret });
    return { status: res.status, body: await res.text() };
  }

  /** `DELETE /system/secrets`; returns the status for the caller to judge. */
  async removeSecret(name: string, namespace?: string): Promise<{ status: number; body: string }> {
    const res = await this.request('DELETE', '/system/secrets', { json: { name, namespace } });
    return { status: res.status, body: await res.text() };
  }

  /** `GET /system/namespaces`. */
  async namespaces(): Promise<string[]> {
    return this.json(await this.request('GET', '/system/namespaces'), 'list namespaces');
  }

  /** `GET /system/logs`: the messages as they arrive, until the gateway ends the stream. */
  async *logs(req: LogsRequest): AsyncGenerator<LogMessage> {
    const res = await this.request('GET', '/system/logs', {
      query: {
        name: req.name,
        namespace: req.namespace,
        instance: req.instance,
        tail: req.tail === undefined ? undefined : String(req.tail),
        follow: String(req.follow),
        since: req.since,
      },
    });
    if (res.status !== 200 || !res.body) await this.expect(res, [200], `logs of ${req.name}`);
    yield* readNdjson<LogMessage>(res.body!);
  }

  /** `<METHOD> /function/{name}` (or `/async-function/…`); the raw response, body unread. */
  async invoke(name: string, req: InvokeRequest): Promise<Response> {
    const prefix = req.async ? '/async-function/' : '/function/';
    const path = `${prefix}${encodeURIComponent(name).replace(/%2E/gi, '.')}`;
    const res = await this.request(req.method, `${path}${req.query ? `?${req.query}` : ''}`, {
      headers: req.headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
      auth: false,
    });
    return res;
  }
}
