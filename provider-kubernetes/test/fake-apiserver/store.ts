// The fake's etcd: objects by resource, one resourceVersion counter for everything (as etcd's
// revision), an event history for watches, and compaction so old resourceVersions expire (410).
import { randomUUID } from 'node:crypto';
import type { ResourceType } from './resources.js';
import { apiVersionOf } from './resources.js';
import { alreadyExists, conflict, expired, notFound } from './status.js';

/** A stored Kubernetes object (JSON). */
export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
};

/** One change, as a watch delivers it; `previous` lets watches with selectors see objects leave. */
export interface StoreEvent {
  /** ADDED, MODIFIED or DELETED. */
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** The resource type's plural name. */
  resource: string;
  /** The object after the change (for DELETED, the last state with a new resourceVersion). */
  object: KubeObject;
  /** The object before the change. */
  previous?: KubeObject;
  /** The revision of the change. */
  revision: number;
}

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

/** In-memory objects with etcd-like revisions. */
export class ObjectStore {
  private revision = 1000;
  private oldest = 0;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  /** The latest revision, as list responses report it. */
  get currentRevision(): number {
    return this.revision;
  }

  /** The oldest revision a watch may resume from. */
  get oldestRevision(): number {
    return this.oldest;
  }

  /** A deep copy of one object, or undefined. */
  find(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.objects.get(type.plural)?.get(keyOf(namespace, name));
    return found && structuredClone(found);
  }

  /** One object, or 404. */
  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const found = this.find(type, namespace, name);
    if (!found) throw notFound(type, name);
    return found;
  }

  /** Deep copies of every object of a type (in one namespace when given). */
  list(type: ResourceType, namespace?: string): KubeObject[] {
    const all = [...(this.objects.get(type.plural)?.values() ?? [])];
    return all
      .filter((o) => namespace === undefined || o.metadata.namespace === namespace)
      .map((o) => structuredClone(o));
  }

  /** Stores a new object: uid, resourceVersion, creationTimestamp, generation; 409 when it exists. */
  create(type: ResourceType, object: KubeObject): KubeObject {
    const { namespace, name } = object.metadata;
    if (this.find(type, namespace, name)) throw alreadyExists(type, name);
    const stored: KubeObject = {
      ...object,
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        ...object.metadata,
        uid: randomUUID(),
        creationTimestamp: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
        ...(object.spec ? { generation: 1 } : {}),
      },
    };
    return this.write(type, 'ADDED', stored, undefined);
  }

  /**
   * Replaces an object. A resourceVersion in the new object must match the stored one (409
   * Conflict otherwise); without one the update is unconditional, as for the built-in types.
   */
  update(type: ResourceType, object: KubeObject): KubeObject {
    const { namespace, name } = object.metadata;
    const current = this.get(type, namespace, name);
    const expected = object.metadata.resourceVersion;
    if (expected && expected !== current.metadata.resourceVersion) throw conflict(type, name);
    const specChanged = JSON.stringify(object.spec) !== JSON.stringify(current.spec);
    const stored: KubeObject = {
      ...object,
      apiVersion: apiVersionOf(type),
      kind: type.kind,
      metadata: {
        ...object.metadata,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        ...(current.metadata.generation !== undefined
          ? { generation: current.metadata.generation + (specChanged ? 1 : 0) }
          : {}),
      },
    };
    return this.write(type, 'MODIFIED', stored, current);
  }

  /** Removes an object; 404 when missing. Returns its last state. */
  delete(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const current = this.get(type, namespace, name);
    this.objects.get(type.plural)?.delete(keyOf(namespace, name));
    const last = structuredClone(current);
    last.metadata.resourceVersion = String(++this.revision);
    this.emit({
      type: 'DELETED',
      resource: type.plural,
      object: last,
      previous: current,
      revision: this.revision,
    });
    return last;
  }

  /** Changes after `revision`, oldest first; 410 Expired when the history no longer reaches back that far. */
  eventsSince(revision: string): StoreEvent[] {
    const from = Number(revision);
    if (!Number.isInteger(from) || from < this.oldest) throw expired(revision, this.oldest);
    return this.history.filter((e) => e.revision > from).map((e) => structuredClone(e));
  }

  /** Forgets the history, as etcd compaction does: watches from older revisions get 410. */
  compact(): void {
    this.history = [];
    this.oldest = this.revision;
  }

  /** Calls `listener` for every later change; returns the unsubscribe function. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(type: ResourceType, kind: 'ADDED' | 'MODIFIED', object: KubeObject, previous?: KubeObject) {
    object.metadata.resourceVersion = String(++this.revision);
    let byKey = this.objects.get(type.plural);
    if (!byKey) this.objects.set(type.plural, (byKey = new Map()));
    byKey.set(keyOf(object.metadata.namespace, object.metadata.name), structuredClone(object));
    this.emit({ type: kind, resource: type.plural, object, previous, revision: this.revision });
    return structuredClone(object);
  }

  private emit(event: StoreEvent): void {
    this.history.push(structuredClone(event));
    for (const listener of this.listeners) listener(structuredClone(event));
  }
}
