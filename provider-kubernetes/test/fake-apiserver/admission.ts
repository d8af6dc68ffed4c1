// What the real API server does to an object between the request and etcd, for the resources
// used: schema validation (strict: unknown fields are an error, as with fieldValidation=Strict),
// the validation rules the provider can trip (selector/template labels, immutable fields, names),
// and the defaults it fills in (so the provider is tested against objects with server-set fields).
import { schemaProblems } from '../support/kubernetes-schema.js';
import type { ResourceType } from './resources.js';
import { apiVersionOf } from './resources.js';
import type { KubeObject } from './store.js';
import type { StatusCause } from './status.js';
import { badRequest, invalid } from './status.js';
import { canonicalQuantity } from './quantity.js';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** Validates and defaults an object about to be created or updated (`current` on update). */
export async function admit(
  type: ResourceType,
  object: KubeObject,
  current?: KubeObject,
): Promise<KubeObject> {
  // Like the real decoder, an object without apiVersion/kind takes them from the URL.
  const apiVersion = apiVersionOf(type);
  if ((object.kind && object.kind !== type.kind) || (object.apiVersion && object.apiVersion !== apiVersion)) {
    throw badRequest(
      `${object.apiVersion}, Kind=${object.kind} does not match the expected ${apiVersion}, Kind=${type.kind}`,
    );
  }
  const problems = await schemaProblems({ ...object, apiVersion, kind: type.kind });
  const unknown = problems.filter((p) => p.includes('unknown field'));
  if (unknown.length > 0) throw badRequest(`strict decoding error: ${unknown.join(', ')}`);
  const name = object.metadata.name;
  const causes: StatusCause[] = problems.map((p) => ({
    reason: 'FieldValueInvalid',
    message: p,
    field: type.kind,
  }));
  const nameRule = type.plural === 'services' ? DNS1035_LABEL : DNS1123_SUBDOMAIN;
  if (!nameRule.test(name) || name.length > (type.plural === 'services' ? 63 : 253)) {
    causes.push({ reason: 'FieldValueInvalid', field: 'metadata.name', message: `Invalid value: "${name}"` });
  }
  if (type.plural === 'deployments') causes.push(...deploymentRules(object, current));
  if (type.plural === 'services') causes.push(...serviceRules(object, current));
  if (causes.length > 0) throw invalid(type, name, causes);
  return defaults(type, object, current);
}

function deploymentRules(d: KubeObject, current?: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const selector = obj(obj(d.spec?.selector).matchLabels) as Record<string, string>;
  const labels = obj(obj(obj(d.spec?.template).metadata).labels) as Record<string, string>;
  if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'spec.template.metadata.labels',
      message: 'Invalid value: `selector` does not match template `labels`',
    });
  }
  if (current && JSON.stringify(current.spec?.selector) !== JSON.stringify(d.spec?.selector)) {
    causes.push({ reason: 'FieldValueInvalid', field: 'spec.selector', message: 'field is immutable' });
  }
  return causes;
}

function serviceRules(s: KubeObject, current?: KubeObject): StatusCause[] {
  const was = current?.spec?.clusterIP;
  const now = s.spec?.clusterIP;
  if (current && was !== now) {
    return [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.clusterIPs[0]',
        message: `Invalid value: "${now ?? ''}": may not change once set`,
      },
    ];
  }
  return [];
}

let nextIp = 10;

function defaults(type: ResourceType, object: KubeObject, current?: KubeObject): KubeObject {
  const o = structuredClone(object);
  if (type.plural === 'deployments') {
    const spec = (o.spec ??= {});
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    const pod = obj(obj(spec.template).spec);
    pod.restartPolicy ??= 'Always';
    pod.terminationGracePeriodSeconds ??= 30;
    pod.dnsPolicy ??= 'ClusterFirst';
    pod.schedulerName ??= 'default-scheduler';
    for (const c of (pod.containers ?? []) as Json[]) {
      c.terminationMessagePath ??= '/dev/termination-log';
      c.imagePullPolicy ??=
        String(c.image).endsWith(':latest') || !String(c.image).includes(':') ? 'Always' : 'IfNotPresent';
      for (const p of (c.ports ?? []) as Json[]) p.protocol ??= 'TCP';
      const resources = obj(c.resources);
      for (const list of [resources.limits, resources.requests]) {
        for (const [k, v] of Object.entries(obj(list))) (list as Json)[k] = canonicalQuantity(String(v));
      }
    }
  }
  if (type.plural === 'services') {
    const spec = (o.spec ??= {});
    spec.clusterIP ??= current?.spec?.clusterIP ?? `10.96.0.${nextIp++ % 250}`;
    spec.clusterIPs ??= [spec.clusterIP];
    spec.sessionAffinity ??= 'None';
    spec.ipFamilies ??= ['IPv4'];
    for (const p of (spec.ports ?? []) as Json[]) {
      p.protocol ??= 'TCP';
      p.targetPort ??= p.port;
    }
  }
  if (type.plural === 'secrets') {
    o.type ??= 'Opaque';
    const stringData = obj(o.stringData);
    if (Object.keys(stringData).length > 0) {
      o.data = { ...obj(o.data) };
      for (const [k, v] of Object.entries(stringData))
        (o.data as Json)[k] = Buffer.from(String(v)).toString('base64');
    }
    delete o.stringData;
  }
  return o;
}
