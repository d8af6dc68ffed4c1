// `?watch=true`: a stream of newline-delimited `{"type","object"}` events, like the real server.
//  - resourceVersion unset or "0": synthetic ADDED for every current object, then changes;
//  - resourceVersion N: every change after N (410 Expired as an ERROR event when compacted away);
//  - objects that start or stop matching the label selector arrive as ADDED / DELETED;
//  - allowWatchBookmarks=true: BOOKMARK events carry the latest resourceVersion when asked;
//  - timeoutSeconds ends the stream, as does `closeAll()` (clients then resume from their last version).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceType } from './resources.js';
import { apiVersionOf } from './resources.js';
import type { KubeObject, ObjectStore, StoreEvent } from './store.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { StatusError } from './status.js';

interface OpenWatch {
  response: ServerResponse;
  finish: () => void;
  bookmarks: boolean;
  type: ResourceType;
}

/** The open watch streams of one fake server. */
export class WatchHub {
  private readonly open = new Set<OpenWatch>();

  constructor(private readonly store: ObjectStore) {}

  /** How many watch streams are open now. */
  get count(): number {
    return this.open.size;
  }

  /** Serves one watch request. */
  serve(
    request: IncomingMessage,
    response: ServerResponse,
    type: ResourceType,
    namespace: string | undefined,
    query: URLSearchParams,
  ): void {
    const labels = parseLabelSelector(query.get('labelSelector'));
    const fields = parseFieldSelector(query.get('fieldSelector'));
    const inScope = (o: KubeObject) => namespace === undefined || o.metadata.namespace === namespace;
    const matches = (o: KubeObject | undefined) =>
      !!o && inScope(o) && labels(o.metadata.labels) && fields(o);
    const watch: OpenWatch = {
      response,
      bookmarks: query.get('allowWatchBookmarks') === 'true',
      type,
      finish: () => undefined,
    };
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
    response.flushHeaders();
    const send = (type: string, object: unknown) => {
      if (!response.writableEnded) response.write(`${JSON.stringify({ type, object })}\n`);
    };
    const deliver = (event: StoreEvent) => {
      if (event.resource !== type.plural) return;
      const now = event.type !== 'DELETED' && matches(event.object);
      const before = event.type !== 'ADDED' && matches(event.previous);
      if (event.type === 'DELETED' && before) send('DELETED', event.object);
      else if (now && before) send('MODIFIED', event.object);
      else if (now) send('ADDED', event.object);
      else if (before) send('DELETED', event.object);
    };
    const from = query.get('resourceVersion');
    let backlog: StoreEvent[] = [];
    try {
      if (from && from !== '0') backlog = this.store.eventsSince(from);
      else {
        for (const o of this.store.list(type, namespace).filter(matches)) send('ADDED', o);
      }
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      send('ERROR', err.body());
      response.end();
      return;
    }
    backlog.forEach(deliver);
    const unsubscribe = this.store.subscribe(deliver);
    this.open.add(watch);
    const timeout = Number(query.get('timeoutSeconds') ?? 0);
    const timer = timeout > 0 ? setTimeout(() => response.end(), timeout * 1000) : undefined;
    const finish = () => {
      unsubscribe();
      clearTimeout(timer);
      this.open.delete(watch);
    };
    watch.finish = finish;
    response.on('close', finish);
    request.on('close', finish);
  }

  /** Sends a BOOKMARK with the latest resourceVersion on every stream that asked for bookmarks. */
  bookmark(): number {
    let sent = 0;
    for (const watch of this.open) {
      if (!watch.bookmarks) continue;
      const object = {
        kind: watch.type.kind,
        apiVersion: apiVersionOf(watch.type),
        metadata: { resourceVersion: String(this.store.currentRevision) },
      };
      watch.response.write(`${JSON.stringify({ type: 'BOOKMARK', object })}\n`);
      sent++;
    }
    return sent;
  }

  /** Ends every stream, as the real server does at its watch timeout. */
  closeAll(): void {
    for (const watch of [...this.open]) {
      watch.finish();
      watch.response.end();
    }
  }
}
