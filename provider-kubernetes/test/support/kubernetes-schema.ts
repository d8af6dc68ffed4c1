// Validates Kubernetes objects against the official API schema, the way `kubectl apply
// --dry-run=client --validate=strict` would, without a cluster. Two generated views of the
// Kubernetes OpenAPI document are combined:
//  - kubernetes-models: the JSON-schema validators (types, required fields, enums, formats);
//  - @kubernetes/client-node's model classes: the list of fields each type has. The first does not
//    reject unknown fields, so a typo like `porrts` would pass it; this walk catches those.
import * as k8s from '@kubernetes/client-node';

interface Attribute {
  baseName: string;
  type: string;
}
type Model = { attributeTypeMap: Attribute[] };

const models = k8s as unknown as Record<string, Model | undefined>;

/** Every problem with an object, as `path: message` strings; empty when valid. */
export async function schemaProblems(object: unknown): Promise<string[]> {
  const plain = JSON.parse(JSON.stringify(object)) as { apiVersion?: string; kind?: string };
  const { apiVersion, kind } = plain;
  if (!apiVersion || !kind) return ['apiVersion and kind are required'];
  const problems: string[] = [];
  let module: Record<string, new (data: unknown) => { validate(): void }>;
  try {
    module = (await import(`kubernetes-models/${apiVersion}/${kind}`)) as typeof module;
  } catch {
    return [`${apiVersion} ${kind}: not a known Kubernetes kind`];
  }
  const Kind = module[kind] as new (data: unknown) => { validate(): void };
  try {
    new Kind(plain).validate();
  } catch (err) {
    problems.push(`${kind}: ${(err as Error).message}`);
  }
  const modelName = rootModelName(apiVersion, kind);
  if (!models[modelName]?.attributeTypeMap) problems.push(`${kind}: no field list for ${modelName}`);
  else unknownFields(plain, modelName, kind, problems);
  return problems;
}

function rootModelName(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop() ?? 'v1';
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${kind}`;
}

function unknownFields(value: unknown, type: string, path: string, problems: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (Array.isArray(value))
      value.forEach((v, i) => unknownFields(v, array[1] as string, `${path}[${i}]`, problems));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value))
        unknownFields(v, map[1] as string, `${path}.${k}`, problems);
    }
    return;
  }
  const model = models[type];
  if (!model?.attributeTypeMap || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const attribute = model.attributeTypeMap.find((a) => a.baseName === key);
    if (!attribute) problems.push(`${path}.${key}: unknown field in ${type}`);
    else unknownFields(child, attribute.type, `${path}.${key}`, problems);
  }
}
