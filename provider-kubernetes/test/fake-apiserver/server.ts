// A small, faithful Kubernetes API server for tests: the real @kubernetes/client-node talks to it
// over HTTP. See README.md in this folder for what it does and, as importantly, what it does not.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { admit } from './admission.js';
import { PodLogs } from './logs.js';
import { applyPatch } from './patch.js';
import { apiVersionOf, parseApiPath, resourceTypes } from './resources.js';
import type { ApiPath, ResourceType } from './resources.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { ObjectStore } from './store.js';
import type { KubeObject } from './store.js';
import { badRequest, forbidden, StatusError, unauthorized } from './status.js';
import { callOf, hasStatus, readJson, selectorText, send } from './http.js';
import type { ApiCall } from './http.js';

export type { ApiCall } from './http.js';
import { WatchHub } from './watch.js';
import { FakeControllers } from './controllers.js';

/** Options of {@link FakeApiServer}. */
export interface FakeApiServerOptions {
  /** Bearer token clients must send. */
  token?: string;
  /** Answers 403 for calls it returns false for (e.g. the RBAC rules of the manifests). */
  authorize?: (call: ApiCall) => boolean;
}

/** The fake API server. Call `start()`, point a client at `kubeConfig()`, `stop()` at the end. */
export class FakeApiServer {
  /** Every request, in order. */
  readonly calls: ApiCall[] = [];
  /** The objects. */
  readonly store = new ObjectStore();
  /** Open watch streams. */
  readonly watches = new WatchHub(this.store);
  /** Container logs of pods. */
  readonly logs = new PodLogs();
  /** Test helpers that play the controllers' part (endpoints, pods, deployment status). */
  readonly controllers: FakeControllers;
  /** Called after each response is sent: lets a test play a concurrent writer at an exact moment. */
  afterResponse?: (call: ApiCall) => void;
  private server?: Server;
  private readonly token: string;

  constructor(private readonly options: FakeApiServerOptions = {}) {
    this.token = options.token ?? 'fake-token';
    this.controllers = new FakeControllers(this.store, this.logs);
  }

  /** Listens on 127.0.0.1, port 0. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.fail(res, err));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The base URL, `http://127.0.0.1:<port>`. */
  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** A KubeConfig for this server, with its token. */
  kubeConfig(token = this.token): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'faas-provider', token }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'faas-provider' }],
      currentContext: 'fake',
    });
    return kc;
  }

  /** Creates a namespace (with annotations, e.g. `openfaas: "1"`). */
  createNamespace(name: string, annotations?: Record<string, string>): void {
    this.store.create(resourceTypes.namespaces as ResourceType, {
      metadata: { name, ...(annotations ? { annotations } : {}) },
    });
  }

  /** Ends every stream and closes the server. */
  async stop(): Promise<void> {
    this.watches.closeAll();
    this.logs.closeAll();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${this.token}`) throw unauthorized();
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = parseApiPath(url.pathname);
    if (!path) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const call = callOf(req.method ?? 'GET', path, url.searchParams);
    this.calls.push(call);
    res.on('finish', () => this.afterResponse?.(call));
    if (this.options.authorize && !this.options.authorize(call)) {
      throw forbidden(call.verb, path.type, call.resource, call.namespace);
    }
    const { type, namespace, name } = path;
    if (
      namespace !== undefined &&
      type.plural !== 'namespaces' &&
      req.method !== 'GET' &&
      req.method !== 'DELETE'
    ) {
      this.store.get(resourceTypes.namespaces as ResourceType, undefined, namespace);
    }
    if (path.subresource === 'log' && type.plural === 'pods' && name) {
      this.logs.serve(res, this.store.get(type, namespace, name), url.searchParams);
      return;
    }
    if (path.subresource === 'scale' && type.plural === 'deployments' && name) {
      await this.scale(req, res, path, name);
      return;
    }
    if (path.subresource)
      throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    switch (call.verb) {
      case 'get':
        return send(res, 200, this.store.get(type, namespace, name as string));
      case 'list':
        return send(res, 200, this.list(type, namespace, url.searchParams));
      case 'watch':
        return this.watches.serve(req, res, type, namespace, url.searchParams);
      case 'create':
        return send(res, 201, await this.create(type, namespace, await readJson(req)));
      case 'update':
        return send(res, 200, await this.update(type, namespace, name as string, await readJson(req)));
      case 'patch': {
        const current = this.store.get(type, namespace, name as string);
        const patched = applyPatch(req.headers['content-type'], current, await readJson(req)) as KubeObject;
        return send(res, 200, await this.update(type, namespace, name as string, patched));
      }
      case 'delete': {
        const deleted = this.store.delete(type, namespace, name as string);
        if (type.plural === 'pods') return send(res, 200, deleted);
        return send(res, 200, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: {
            name,
            ...(type.group ? { group: type.group } : {}),
            kind: type.plural,
            uid: deleted.metadata.uid,
          },
        });
      }
      default:
        throw new StatusError(
          405,
          'MethodNotAllowed',
          `the server does not allow this method on the requested resource`,
        );
    }
  }

  private list(type: ResourceType, namespace: string | undefined, query: URLSearchParams): unknown {
    const from = query.get('resourceVersion');
    if (from && from !== '0') this.store.eventsSince(from);
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'));
    const items = this.store
      .list(type, namespace)
      .filter((o) => labels(o.metadata.labels) && fields(o))
      .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return {
      kind: `${type.kind}List`,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: String(this.store.currentRevision) },
      items,
    };
  }

  private async create(
    type: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
  ): Promise<KubeObject> {
    if (!body.metadata?.name) throw badRequest('name or generateName is required');
    if (body.metadata.namespace && body.metadata.namespace !== namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    const object: KubeObject = {
      ...body,
      metadata: { ...body.metadata, ...(namespace ? { namespace } : {}) },
    };
    // status is written through the status subresource only: a create starts without one.
    if (hasStatus(type)) delete object.status;
    const created = this.store.create(type, await admit(type, object));
    return created;
  }

  private async update(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
  ): Promise<KubeObject> {
    if (body.metadata?.name !== name) {
      throw badRequest(
        `the name of the object (${body.metadata?.name}) does not match the name on the URL (${name})`,
      );
    }
    const current = this.store.get(type, namespace, name);
    const object: KubeObject = {
      ...body,
      metadata: { ...body.metadata, ...(namespace ? { namespace } : {}) },
    };
    // An update of the main resource keeps the stored status, whatever the body says.
    if (hasStatus(type)) object.status = current.status;
    if (object.status === undefined) delete object.status;
    const updated = this.store.update(type, await admit(type, object, current));
    return updated;
  }

  private async scale(req: IncomingMessage, res: ServerResponse, path: ApiPath, name: string): Promise<void> {
    const { type, namespace } = path;
    const current = this.store.get(type, namespace, name);
    const scaleOf = (d: KubeObject) => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name,
        namespace,
        uid: d.metadata.uid,
        resourceVersion: d.metadata.resourceVersion,
        creationTimestamp: d.metadata.creationTimestamp,
      },
      spec: { replicas: d.spec?.replicas ?? 1 },
      status: {
        replicas: (d.status as { replicas?: number } | undefined)?.replicas ?? 0,
        selector: selectorText(d),
      },
    });
    if (req.method === 'GET') return send(res, 200, scaleOf(current));
    const body = await readJson(req);
    const scale =
      req.method === 'PATCH'
        ? (applyPatch(req.headers['content-type'], scaleOf(current), body) as ReturnType<typeof scaleOf>)
        : (body as ReturnType<typeof scaleOf>);
    const replicas = scale.spec?.replicas as number;
    if (!Number.isInteger(replicas) || replicas < 0)
      throw badRequest('spec.replicas: must be a non-negative integer');
    const updated = await this.update(type, namespace, name, {
      ...current,
      metadata: {
        ...current.metadata,
        resourceVersion: scale.metadata?.resourceVersion ?? current.metadata.resourceVersion,
      },
      spec: { ...current.spec, replicas },
    });
    send(res, 200, scaleOf(updated));
  }

  private fail(res: ServerResponse, err: unknown): void {
    const status = err instanceof StatusError ? err : new StatusError(500, 'InternalError', String(err));
    if (res.headersSent) {
      res.end();
      return;
    }
    send(res, status.code, status.body());
  }
}
