import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { StackProblem } from './stack-error.js';
import { substitute } from './substitute.js';

/** A key of a YAML map with its value node and where it is. */
export interface Entry {
  /** The key, after `${VAR}` substitution. */
  key: string;
  /** The value node; null for `key:` with nothing after it. */
  value: Node | null;
  /** Dotted path of the value. */
  field: string;
  /** 1-based line of the key. */
  line: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed values out of a parsed YAML document, substituting `${VAR}` in strings and
 * recording every problem with its line and field instead of stopping at the first.
 */
export class YamlReader {
  /** Everything wrong so far. */
  readonly problems: StackProblem[] = [];

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly env: Env,
  ) {}

  /** 1-based line of a node, 0 when it has no position. */
  lineOf(node: Node | null | undefined): number {
    const start = node?.range?.[0];
    return start === undefined ? 0 : this.lines.linePos(start).line;
  }

  /** Records a problem. */
  problem(line: number, field: string, message: string): void {
    this.problems.push({ file: this.file, line, field, message });
  }

  private resolve(node: Node | null | undefined): Node | null {
    if (!node) return null;
    return isAlias(node) ? ((node.resolve(this.doc) as Node | undefined) ?? null) : node;
  }

  private text(raw: string, line: number, field: string): string {
    const { value, problems } = substitute(raw, this.env);
    for (const p of problems) this.problem(line, field, p);
    return value;
  }

  /** The entries of a map (with `<<` merge keys expanded); undefined for null or not a map. */
  entries(node: Node | null | undefined, field: string, line: number): Entry[] | undefined {
    const map = this.resolve(node);
    if (map === null || (isScalar(map) && map.value === null)) return undefined;
    if (!isMap(map)) {
      this.problem(this.lineOf(map) || line, field, 'must be a map of key: value');
      return undefined;
    }
    const out = new Map<string, Entry>();
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      const keyLine = this.lineOf(keyNode) || line;
      if (isScalar(keyNode) && keyNode.value === '<<') {
        for (const e of this.entries(pair.value as Node, field, keyLine) ?? [])
          if (!out.has(e.key)) out.set(e.key, e);
        continue;
      }
      if (!isScalar(keyNode)) {
        this.problem(keyLine, field, 'keys must be plain text');
        continue;
      }
      const key = this.text(String(keyNode.value), keyLine, field);
      out.set(key, {
        key,
        value: (pair.value as Node | null) ?? null,
        field: field ? `${field}.${key}` : key,
        line: keyLine,
      });
    }
    return [...out.values()];
  }

  /** A scalar as text (numbers and booleans as written); undefined for null/absent. */
  string(node: Node | null | undefined, field: string, line: number): string | undefined {
    const value = this.resolve(node);
    if (value === null || !isScalar(value) || value.value === null || value.value === undefined) {
      if (value !== null && !isScalar(value))
        this.problem(this.lineOf(value) || line, field, 'must be a single value, not a list or map');
      return undefined;
    }
    const raw = typeof value.value === 'string' ? value.value : (value.source ?? String(value.value));
    return this.text(raw, this.lineOf(value) || line, field);
  }

  /** A map of scalars into a string → string map. */
  stringMap(
    node: Node | null | undefined,
    field: string,
    line: number,
    lines: Map<string, number>,
  ): Record<string, string> | undefined {
    const entries = this.entries(node, field, line);
    if (!entries) return undefined;
    const out: Record<string, string> = {};
    for (const e of entries) {
      lines.set(e.field, e.line);
      out[e.key] = this.string(e.value, e.field, e.line) ?? '';
    }
    return out;
  }

  /** A list of scalars into strings. */
  stringList(
    node: Node | null | undefined,
    field: string,
    line: number,
    lines: Map<string, number>,
  ): string[] | undefined {
    const seq = this.resolve(node);
    if (seq === null || (isScalar(seq) && seq.value === null)) return undefined;
    if (!isSeq(seq)) {
      this.problem(this.lineOf(seq) || line, field, 'must be a list (- item)');
      return undefined;
    }
    return seq.items.map((item, i) => {
      const itemLine = this.lineOf(item as Node) || line;
      lines.set(`${field}[${i}]`, itemLine);
      return this.string(item as Node, `${field}[${i}]`, itemLine) ?? '';
    });
  }

  /** A boolean (`true`/`false`); undefined when absent. */
  boolean(node: Node | null | undefined, field: string, line: number): boolean | undefined {
    const value = this.resolve(node);
    if (value === null || (isScalar(value) && value.value === null)) return undefined;
    if (isScalar(value) && typeof value.value === 'boolean') return value.value;
    if (isScalar(value) && typeof value.value === 'string') {
      const text = this.text(value.value, this.lineOf(value) || line, field)
        .trim()
        .toLowerCase();
      if (text === 'true' || text === 'false') return text === 'true';
    }
    this.problem(this.lineOf(value) || line, field, 'must be true or false');
    return undefined;
  }
}
