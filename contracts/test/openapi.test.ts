// contracts/openapi.yaml against what it describes: a real OpenAPI validator, the route tables of
// routes.ts (both directions) and the wire types, read from their TypeScript source with the
// compiler API (fields, which are optional, their doc comments and their types), so no list here
// has to be kept in sync by hand.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from 'yaml';
import { gatewayRoutes, providerRoutes } from '../src/routes.js';
import type { RouteSpec } from '../src/route-spec.js';
import { wireFields } from '../src/wire/fields.js';

interface Schema {
  $ref?: string;
  type?: string | string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
}
interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
}
type Content = Record<string, { schema?: Schema }>;
interface Response {
  $ref?: string;
  headers?: Record<string, unknown>;
  content?: Content;
}
interface Operation {
  tags?: string[];
  operationId?: string;
  'x-provider-operation-id'?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { $ref?: string; required?: boolean; content?: Content };
  responses: Record<string, Response>;
}
type PathItem = Record<string, unknown> & { parameters?: Parameter[] };
interface Document {
  openapi: string;
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

const file = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

const VALIDATE = `import SwaggerParser from '@apidevtools/swagger-parser';
let input = '';
for await (const chunk of process.stdin) input += chunk;
SwaggerParser.validate(JSON.parse(input)).then(
  (api) => console.log(JSON.stringify({ valid: true, openapi: api.openapi })),
  (error) => console.log(JSON.stringify({ valid: false, message: error.message })),
);`;

/**
 * `SwaggerParser.validate(api)` (a file path or a document) in a plain Node process: swagger-parser
 * is CommonJS and require()s an ES module (json-schema-ref-parser 16), which Node 20.19+ allows
 * and Jest's module loader does not.
 */
function validate(api: string | object): { valid: boolean; openapi?: string; message?: string } {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', VALIDATE], {
    input: JSON.stringify(api),
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
  });
  return JSON.parse(output) as { valid: boolean; openapi?: string; message?: string };
}

const doc = parse(readFileSync(file, 'utf8')) as Document;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const unique = <T>(values: T[]): T[] => [...new Set(values)];
const sorted = <T>(values: T[]): T[] => unique(values).sort();

/** Follows a local `$ref` (siblings such as `description` override the target, as in 3.1). */
function resolve<T extends object>(value: T): T {
  const { $ref, ...rest } = value as { $ref?: string };
  if (!$ref) return value;
  const keys = $ref.replace(/^#\//, '').split('/');
  const target = keys.reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
  if (target === undefined) throw new Error(`unresolved $ref ${$ref}`);
  return { ...resolve(target as T), ...rest } as T;
}

/** The wire types a part of the document refers to. */
function wireRefsIn(value: unknown): string[] {
  const refs = JSON.stringify(value ?? {}).match(/#\/components\/schemas\/\w+/g) ?? [];
  return refs.map((r) => r.split('/').pop()!).filter((name) => name in wireFields);
}

function oneShape(shapes: string[]): string {
  const distinct = sorted(shapes);
  return distinct.length === 1 ? distinct[0]! : `oneOf<${distinct.join('|')}>`;
}

/** A schema's structure as a string (`array<ref<FunctionStatus>>`) and whether it admits null. */
function schemaShape(schema: Schema): { shape: string; nullable: boolean } {
  if (schema.$ref) return { shape: `ref<${schema.$ref.split('/').pop()}>`, nullable: false };
  if (schema.oneOf) {
    const shapes = schema.oneOf.map((s) => schemaShape(s).shape);
    const nonNull = shapes.filter((s) => s !== 'null');
    return { shape: oneShape(nonNull), nullable: nonNull.length < shapes.length };
  }
  const types = [schema.type ?? 'any'].flat();
  const nullable = types.includes('null');
  const shapes = types
    .filter((t) => t !== 'null' || types.length === 1)
    .map((type) => {
      if (type === 'integer') return 'number';
      if (type === 'array') return `array<${schemaShape(schema.items ?? {}).shape}>`;
      const values = schema.additionalProperties;
      if (type === 'object' && typeof values === 'object') return `map<${schemaShape(values).shape}>`;
      return type;
    });
  return { shape: oneShape(shapes), nullable };
}

/** The same structure read from a TypeScript type. */
function tsShape(node: ts.TypeNode): string {
  if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return 'string';
  if (ts.isParenthesizedTypeNode(node)) return tsShape(node.type);
  // `string & {}` keeps an open union of literals a string.
  if (ts.isIntersectionTypeNode(node)) return oneShape(node.types.map(tsShape).filter((s) => s !== '{}'));
  if (ts.isTypeLiteralNode(node) && node.members.length === 0) return '{}';
  if (ts.isUnionTypeNode(node)) return oneShape(node.types.map(tsShape));
  if (ts.isArrayTypeNode(node)) return `array<${tsShape(node.elementType)}>`;
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const value = node.typeArguments?.[1];
    return name === 'Record' && value ? `map<${tsShape(value)}>` : `ref<${name}>`;
  }
  throw new Error(`no OpenAPI shape for the TypeScript type ${node.getText()}`);
}

interface TsField {
  name: string;
  optional: boolean;
  doc: string;
  shape: string;
}

function docOf(node: ts.Node): string {
  const comments = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  return comments.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join(' ');
}

const squash = (text = ''): string => text.replace(/\s+/g, ' ').trim();

/** Every interface of src/wire/*.ts: its doc comment and its fields. */
function readWireTypes(): Map<string, { doc: string; fields: TsField[] }> {
  const dir = new URL('../src/wire/', import.meta.url);
  const types = new Map<string, { doc: string; fields: TsField[] }>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(new URL(name, dir), 'utf8');
    const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    for (const node of source.statements.filter(ts.isInterfaceDeclaration)) {
      const fields = node.members.filter(ts.isPropertySignature).map((m) => ({
        name: m.name.getText(),
        optional: m.questionToken !== undefined,
        doc: squash(docOf(m)),
        shape: tsShape(m.type!),
      }));
      types.set(node.name.text, { doc: squash(docOf(node)), fields });
    }
  }
  return types;
}

/** What one method+path is in the two tables. */
interface Served {
  gateway?: RouteSpec;
  provider?: RouteSpec;
  routes: RouteSpec[];
}

const served = new Map<string, Served>();
for (const [side, table] of [
  ['gateway', gatewayRoutes],
  ['provider', providerRoutes],
] as const) {
  for (const route of table) {
    const key = `${route.method} ${route.path}`;
    const entry = served.get(key) ?? { routes: [] };
    served.set(key, { ...entry, [side]: route, routes: [...entry.routes, route] });
  }
}

const operations = new Map(
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => [
      `${m.toUpperCase()} ${path}`,
      { path, item, op: item[m] as Operation },
    ]),
  ),
);
const servedKeys = [...served.keys()].sort();

function documented(key: string): { path: string; item: PathItem; op: Operation } {
  const found = operations.get(key);
  if (!found) throw new Error(`${key} is not in openapi.yaml`);
  return found;
}

function parametersOf(key: string, where: string): Parameter[] {
  const { item, op } = documented(key);
  return [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve).filter((p) => p.in === where);
}

/** The structure a route's `request`/`response` name means (`X[]` is an array of X). */
function wireShape(name: string): string {
  if (name.endsWith('[]')) return `array<${wireShape(name.slice(0, -2))}>`;
  return name === 'string' ? 'string' : `ref<${name}>`;
}
const mediaTypeOf = (name: string): string =>
  name === 'LogMessage' ? 'application/x-ndjson' : 'application/json';

describe('contracts/openapi.yaml', () => {
  it('passes the OpenAPI 3.1 validator, which rejects a broken copy', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(validate(file)).toEqual({ valid: true, openapi: doc.openapi });
    const broken = structuredClone(doc) as unknown as { paths: Record<string, { get: object }> };
    broken.paths['/healthz']!.get = { responses: { '200': { content: {} } } };
    expect(validate(broken)).toEqual({ valid: false, message: expect.stringMatching(/description/) });
  });

  it('gives every operation a unique id and declares exactly the parameters of its path template', () => {
    const ops = [...operations.values()].map(({ op }) => op);
    expect(ops.filter((op) => typeof op.operationId !== 'string')).toEqual([]);
    const ids = ops.flatMap((op) => [op.operationId, op['x-provider-operation-id']].filter(Boolean));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const [key, { path }] of operations) {
      const params = parametersOf(key, 'path');
      expect([key, sorted(params.map((p) => p.name))]).toEqual([key, sorted(path.match(/\w+(?=\})/g) ?? [])]);
      expect(params.every((p) => p.required)).toBe(true);
    }
  });

  it('documents every route of the gateway and provider tables, and nothing else', () => {
    expect([...operations.keys()].sort()).toEqual(servedKeys);
  });

  it('declares HTTP basic auth as the one security scheme', () => {
    expect(doc.components.securitySchemes).toEqual({
      basicAuth: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    });
  });

  it.each(servedKeys)('%s: sides, ids, auth, query and statuses agree with the tables', (key) => {
    const { gateway, provider, routes } = served.get(key)!;
    const { op } = documented(key);
    expect(op.tags).toEqual([gateway && 'gateway', provider && 'provider'].filter(Boolean));
    expect(op.operationId).toBe((gateway ?? provider)!.id);
    const providerId = gateway && provider && gateway.id !== provider.id ? provider.id : undefined;
    expect(op['x-provider-operation-id']).toBe(providerId);
    const auth = unique(routes.map((r) => r.auth));
    expect(auth).toHaveLength(1);
    expect(op.security).toEqual(auth[0] ? [{ basicAuth: [] }] : undefined);
    expect(sorted(parametersOf(key, 'query').map((p) => p.name))).toEqual(
      sorted(routes.flatMap((r) => r.query ?? [])),
    );
    const statuses = routes.flatMap((r) => [...r.success, ...r.errors, ...(r.auth ? [401] : [])]);
    const keys = Object.keys(op.responses);
    expect(keys.filter((k) => /^\d{3}$/.test(k)).map(Number)).toEqual(sorted(statuses));
    expect(keys.filter((k) => !/^\d{3}$/.test(k))).toEqual(keys.includes('default') ? ['default'] : []);
  });

  it.each(servedKeys)('%s: request and response bodies are the wire types of the route', (key) => {
    const { routes } = served.get(key)!;
    const { op } = documented(key);
    const requests = unique(routes.flatMap((r) => (r.request ? [r.request] : [])));
    expect(requests.length).toBeLessThanOrEqual(1);
    const body = op.requestBody && resolve(op.requestBody);
    if (requests[0]) {
      expect(body?.required).toBe(true);
      expect(Object.keys(body?.content ?? {})).toEqual(['application/json']);
      expect(schemaShape(body!.content!['application/json']!.schema!).shape).toBe(wireShape(requests[0]));
    } else expect(wireRefsIn(body)).toEqual([]);
    for (const status of sorted(routes.flatMap((r) => r.success))) {
      const names = unique(routes.filter((r) => r.success.includes(status)).flatMap((r) => r.response ?? []));
      const content = resolve(op.responses[String(status)]!).content;
      if (names.length === 0) {
        expect([status, wireRefsIn(content)]).toEqual([status, []]);
        continue;
      }
      expect(Object.keys(content ?? {})).toEqual(unique(names.map(mediaTypeOf)));
      const schema = Object.values(content!)[0]!.schema!;
      expect(schemaShape(schema)).toEqual({ shape: oneShape(names.map(wireShape)), nullable: false });
    }
  });

  it('makes every error a text/plain body marked X-OpenFaaS-Internal, and 401 a Basic challenge', () => {
    for (const [key, { op }] of operations) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        const { content, headers } = resolve(response);
        expect([key, status, Object.keys(content ?? {})]).toEqual([key, status, ['text/plain']]);
        const names = Object.keys(headers ?? {});
        expect([key, status, names]).toEqual([
          key,
          status,
          status === '401' ? ['WWW-Authenticate', 'X-OpenFaaS-Internal'] : ['X-OpenFaaS-Internal'],
        ]);
      }
    }
  });
});

describe('contracts/openapi.yaml schemas', () => {
  const wireTypes = readWireTypes();
  const requestTypes = new Set<string>([...gatewayRoutes, ...providerRoutes].flatMap((r) => r.request ?? []));

  it('has one schema per wire type, named after it, and no other', () => {
    expect(Object.keys(doc.components.schemas).sort()).toEqual(Object.keys(wireFields).sort());
  });

  it.each(Object.keys(wireFields))(
    '%s: fields, required fields, types and descriptions are those of the TypeScript type',
    (name) => {
      const schema = doc.components.schemas[name]!;
      const tsType = wireTypes.get(name)!;
      const fields = [...wireFields[name as keyof typeof wireFields]];
      expect(tsType.fields.map((f) => f.name)).toEqual(fields);
      expect(Object.keys(schema.properties ?? {}).sort()).toEqual(fields.sort());
      expect(sorted(schema.required ?? [])).toEqual(
        sorted(tsType.fields.filter((f) => !f.optional).map((f) => f.name)),
      );
      expect(squash(schema.description)).toContain(tsType.doc);
      for (const field of tsType.fields) {
        const property = schema.properties![field.name]!;
        const nullable = field.optional && requestTypes.has(name);
        expect([field.name, schemaShape(property)]).toEqual([field.name, { shape: field.shape, nullable }]);
        expect([field.name, squash(property.description).startsWith(field.doc)]).toEqual([field.name, true]);
        expect(field.doc).not.toBe('');
      }
    },
  );
});
