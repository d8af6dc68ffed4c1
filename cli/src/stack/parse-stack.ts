import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Node } from 'yaml';
import { FaasError, parseFunctionDeployment } from '@faas/contracts';
import type { Stack, StackFunction } from './stack.js';
import { StackError } from './stack-error.js';
import { toDeployment } from './to-deployment.js';
import { YamlReader } from './yaml-reader.js';
import { readFunction } from './read-function.js';

/** How to read a stack file. */
export interface ParseStackOptions {
  /** Absolute path of the file (relative paths inside it resolve against its directory). */
  path: string;
  /** Environment for `${VAR}` substitution. */
  env: Readonly<Record<string, string | undefined>>;
  /** How the file is named in messages; default: the path relative to the working directory. */
  displayName?: string;
  /** Reads an `environment_file`; default fs.readFileSync. */
  readFile?: (path: string) => string;
}

const TOP_LEVEL = new Set(['version', 'provider', 'functions', 'configuration']);
const PROVIDER = new Set(['name', 'gateway', 'network']);

/** Parses YAML text with line tracking; syntax errors become problems. */
export function parseYaml(
  text: string,
  file: string,
  env: ParseStackOptions['env'],
): YamlReader & { root: Node | null } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const reader = new YamlReader(file, doc, lineCounter, env) as YamlReader & { root: Node | null };
  for (const err of doc.errors)
    reader.problem(lineCounter.linePos(err.pos[0]).line, '', err.message.split('\n')[0] ?? err.message);
  reader.root = (doc.contents as Node | null) ?? null;
  return reader;
}

/**
 * Reads a faas-cli `stack.yml`: substitutes `${VAR}` references, checks every field and maps each
 * function through the same validation the gateway applies, then throws one StackError listing
 * every problem with its line, or returns the stack.
 */
export function parseStack(text: string, options: ParseStackOptions): Stack {
  const display = options.displayName ?? (relative(process.cwd(), options.path) || options.path);
  const dir = dirname(options.path);
  const reader = parseYaml(text, display, options.env);
  const stack: Stack = { path: options.path, dir, functions: [], warnings: [] };
  if (reader.problems.length) throw new StackError(display, reader.problems);
  const top = reader.entries(reader.root, '', 1);
  if (!top)
    throw new StackError(display, [
      { file: display, line: 1, field: '', message: 'must be a map with version, provider and functions' },
    ]);
  const byKey = new Map(top.map((e) => [e.key, e]));
  for (const e of top)
    if (!TOP_LEVEL.has(e.key))
      stack.warnings.push(`${display}:${e.line}: ${e.field}: unknown field, ignored`);

  const version = byKey.get('version');
  if (version) {
    const v = reader.string(version.value, 'version', version.line);
    if (v !== undefined && !['1.0', '1'].includes(v))
      reader.problem(version.line, 'version', `"${v}" is not supported, use 1.0`);
  }
  const provider = byKey.get('provider');
  for (const e of reader.entries(provider?.value, 'provider', provider?.line ?? 0) ?? []) {
    if (!PROVIDER.has(e.key)) stack.warnings.push(`${display}:${e.line}: ${e.field}: unknown field, ignored`);
    const value = reader.string(e.value, e.field, e.line);
    if (e.key === 'name') stack.providerName = value;
    if (e.key === 'gateway') stack.gateway = value;
    if (e.key === 'network') stack.network = value;
  }

  const functions = byKey.get('functions');
  if (!functions) reader.problem(0, 'functions', 'required: a map of function name → settings');
  const readEnvFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  for (const entry of reader.entries(functions?.value, 'functions', functions?.line ?? 0) ?? []) {
    const lines = new Map<string, number>();
    const fn = readFunction(reader, entry, lines, stack.warnings, display, (file, line, field) =>
      readEnvironmentFile(resolve(dir, file), file, options.env, readEnvFile, reader, {
        display,
        line,
        field,
      }),
    );
    if (!fn) continue;
    if (fn.handler) fn.handlerPath = isAbsolute(fn.handler) ? fn.handler : resolve(dir, fn.handler);
    checkDeployment(fn, stack, reader, lines, `functions.${fn.name}`);
    stack.functions.push(fn);
  }
  if (reader.problems.length) throw new StackError(display, reader.problems);
  return stack;
}

const FIELD_NAMES: Record<string, string> = {
  envProcess: 'fprocess',
  envVars: 'environment',
  readOnlyRootFilesystem: 'readonly_root_filesystem',
};

/** Runs the gateway's own validation on the mapped deployment; problems point at stack fields. */
function checkDeployment(
  fn: StackFunction,
  stack: Stack,
  reader: YamlReader,
  lines: Map<string, number>,
  base: string,
): void {
  try {
    parseFunctionDeployment(toDeployment(fn, stack));
  } catch (err) {
    if (!(err instanceof FaasError)) throw err;
    for (const p of err.problems) {
      if (p.field === 'service') {
        reader.problem(fn.line, base, `the function name ${p.message}`);
        continue;
      }
      if (p.field === 'network') {
        reader.problem(0, 'provider.network', p.message);
        continue;
      }
      const [head, ...rest] = p.field.split(/(?=[.[])/);
      const field = `${base}.${FIELD_NAMES[head ?? ''] ?? head}${rest.join('')}`;
      const line = lines.get(field) ?? lines.get(field.replace(/\.[^.[]+$|\[\d+\]$/, '')) ?? fn.line;
      reader.problem(line, field, p.message);
    }
  }
}

/** Reads `environment:` from an environment_file; its problems name that file. */
function readEnvironmentFile(
  path: string,
  display: string,
  env: ParseStackOptions['env'],
  readFile: (path: string) => string,
  stackReader: YamlReader,
  from: { display: string; line: number; field: string },
): Record<string, string> {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    stackReader.problem(from.line, from.field, `cannot read ${display}: ${reason}`);
    return {};
  }
  const reader = parseYaml(text, display, env);
  const top = reader.problems.length ? undefined : reader.entries(reader.root, '', 1);
  const environment = top?.find((e) => e.key === 'environment');
  const out = environment
    ? reader.stringMap(environment.value, 'environment', environment.line, new Map())
    : undefined;
  if (!reader.problems.length && !environment)
    reader.problem(
      1,
      'environment',
      'required: an environment file holds `environment:` with KEY: value entries',
    );
  stackReader.problems.push(...reader.problems);
  return out ?? {};
}
