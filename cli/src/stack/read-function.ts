import type { FunctionResources } from '@faas/contracts';
import type { StackFunction } from './stack.js';
import type { Entry, YamlReader } from './yaml-reader.js';

/** Fields faas-cli knows that this CLI reads but does not act on; accepted without a warning. */
const ACCEPTED = new Set(['build_options', 'platforms', 'build_secrets']);

type ReadEnvFile = (file: string, line: number, field: string) => Record<string, string>;

function resources(
  reader: YamlReader,
  entry: Entry,
  lines: Map<string, number>,
): FunctionResources | undefined {
  const out: FunctionResources = {};
  for (const e of reader.entries(entry.value, entry.field, entry.line) ?? []) {
    lines.set(e.field, e.line);
    if (e.key !== 'memory' && e.key !== 'cpu') {
      reader.problem(e.line, e.field, 'unknown resource, use memory or cpu');
      continue;
    }
    const value = reader.string(e.value, e.field, e.line);
    if (value) out[e.key] = value;
  }
  return out;
}

/** Reads one `functions.<name>` entry into a StackFunction, recording field lines and problems. */
export function readFunction(
  reader: YamlReader,
  entry: Entry,
  lines: Map<string, number>,
  warnings: string[],
  display: string,
  readEnvFile: ReadEnvFile,
): StackFunction | undefined {
  const fields = reader.entries(entry.value, entry.field, entry.line);
  if (!fields) {
    reader.problem(entry.line, entry.field, 'must be a map of settings (lang, handler, image, …)');
    return undefined;
  }
  const fn: StackFunction = { name: entry.key, image: '', line: entry.line };
  let fileEnvironment: Record<string, string> = {};
  for (const e of fields) {
    lines.set(e.field, e.line);
    const str = () => reader.string(e.value, e.field, e.line);
    const map = () => reader.stringMap(e.value, e.field, e.line, lines);
    const list = () => reader.stringList(e.value, e.field, e.line, lines);
    switch (e.key) {
      case 'lang':
        fn.lang = str();
        break;
      case 'handler':
        fn.handler = str();
        break;
      case 'image':
        fn.image = str() ?? '';
        break;
      case 'fprocess':
        fn.fprocess = str();
        break;
      case 'namespace':
        fn.namespace = str();
        break;
      case 'environment':
        fn.environment = map();
        break;
      case 'labels':
        fn.labels = map();
        break;
      case 'annotations':
        fn.annotations = map();
        break;
      case 'build_args':
        fn.buildArgs = map();
        break;
      case 'secrets':
        fn.secrets = list();
        break;
      case 'constraints':
        fn.constraints = list();
        break;
      case 'limits':
        fn.limits = resources(reader, e, lines);
        break;
      case 'requests':
        fn.requests = resources(reader, e, lines);
        break;
      case 'readonly_root_filesystem':
        fn.readOnlyRootFilesystem = reader.boolean(e.value, e.field, e.line);
        break;
      case 'skip_build':
        fn.skipBuild = reader.boolean(e.value, e.field, e.line);
        break;
      case 'environment_file':
        for (const file of list() ?? [])
          fileEnvironment = { ...fileEnvironment, ...readEnvFile(file, e.line, e.field) };
        break;
      default:
        if (!ACCEPTED.has(e.key)) warnings.push(`${display}:${e.line}: ${e.field}: unknown field, ignored`);
    }
  }
  if (Object.keys(fileEnvironment).length) fn.environment = { ...fn.environment, ...fileEnvironment };
  if (fn.lang && !fn.handler)
    reader.problem(
      entry.line,
      `${entry.field}.handler`,
      `required when lang is set (the folder with the ${fn.lang} handler)`,
    );
  return fn;
}
