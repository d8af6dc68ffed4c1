// `GET /api/v1/namespaces/{ns}/pods/{pod}/log`: the lines a test wrote for a pod's container,
// `timestamps` (RFC 3339 with nanoseconds, a space, the text), `tailLines`, `sinceTime`, `follow`.
import type { ServerResponse } from 'node:http';
import type { KubeObject } from './store.js';
import { badRequest } from './status.js';

interface Line {
  time: Date;
  text: string;
}

const key = (namespace: string, pod: string, container: string) => `${namespace}/${pod}/${container}`;

/** Container logs of the fake's pods. */
export class PodLogs {
  private readonly lines = new Map<string, Line[]>();
  private readonly followers = new Map<string, Set<(line: Line) => void>>();
  private readonly open = new Set<ServerResponse>();

  /** Appends a line to a container's log and sends it to followers. */
  append(namespace: string, pod: string, container: string, text: string, time = new Date()): void {
    const k = key(namespace, pod, container);
    const line = { time, text };
    this.lines.set(k, [...(this.lines.get(k) ?? []), line]);
    for (const follower of this.followers.get(k) ?? []) follower(line);
  }

  /** How many follow streams are open. */
  get following(): number {
    return this.open.size;
  }

  /** Serves a log request for an existing pod. */
  serve(response: ServerResponse, pod: KubeObject, query: URLSearchParams): void {
    const namespace = pod.metadata.namespace ?? '';
    const containers = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
    const container = query.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
    if (!container || !containers.includes(container)) {
      throw badRequest(
        container
          ? `container ${container} is not valid for pod ${pod.metadata.name}`
          : `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]`,
      );
    }
    const timestamps = query.get('timestamps') === 'true';
    const format = (line: Line) =>
      `${timestamps ? `${line.time.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z')} ` : ''}${line.text}\n`;
    const since = query.get('sinceTime') ? Date.parse(query.get('sinceTime') as string) : undefined;
    let lines = (this.lines.get(key(namespace, pod.metadata.name, container)) ?? []).filter(
      (l) => since === undefined || l.time.getTime() >= since,
    );
    const tail = query.get('tailLines');
    if (tail !== null) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    for (const line of lines) response.write(format(line));
    if (query.get('follow') !== 'true') {
      response.end();
      return;
    }
    response.flushHeaders();
    const k = key(namespace, pod.metadata.name, container);
    const follower = (line: Line) => response.write(format(line));
    if (!this.followers.has(k)) this.followers.set(k, new Set());
    this.followers.get(k)?.add(follower);
    this.open.add(response);
    response.on('close', () => {
      this.followers.get(k)?.delete(follower);
      this.open.delete(response);
    });
  }

  /** Ends every follow stream, as when the containers stop. */
  closeAll(): void {
    for (const response of this.open) response.end();
    this.open.clear();
  }
}
