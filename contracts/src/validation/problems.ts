import { FaasError } from '../errors.js';
import type { FieldProblem } from '../errors.js';
import { limits, textProblem } from './rules.js';
import type { Rule } from './rules.js';

/** How a map or array field is checked: each key, value or item, the count, the total size. */
export interface CollectionRules {
  /** Checks each map key (pattern rules only: keys become field paths). */
  key?: Rule;
  /** Checks each map value or array item. */
  value?: Rule;
  /** Most entries. */
  maxEntries?: number;
  /** Most characters of the whole field as JSON. */
  maxBytes?: number;
}

/** A value inside a message: JSON-quoted, shortened past 100 characters. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}

/** A map key inside a field path: control characters escaped, shortened past 100 characters. */
function pathKey(key: string): string {
  const shown = key.length > 100 ? `${key.slice(0, 100)}…` : key;
  return JSON.stringify(shown).slice(1, -1);
}

/**
 * What `rule` finds wrong with `value`, or undefined. A pattern's message follows the value when
 * `echo` (`"a b" must be …`); a text rule never repeats the text.
 */
function problemOf(rule: Rule, value: string, echo: boolean): string | undefined {
  if ('test' in rule) {
    if (rule.test(value)) return undefined;
    return echo ? `${quote(value)} ${rule.message}` : rule.message;
  }
  return textProblem(value, rule);
}

/** Collects every bad field of one request, then throws one error listing them all. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /**
   * Throws INVALID_REQUEST naming every problem: `what: field: message; field: message` (past
   * `limits.problemsListed`, the rest are counted).
   */
  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    const listed = this.list.slice(0, limits.problemsListed).map((p) => `${p.field}: ${p.message}`);
    const more = this.list.length - listed.length;
    const text = listed.join('; ') + (more > 0 ? `; and ${more} more` : '');
    throw new FaasError('INVALID_REQUEST', `invalid ${what}: ${text}`, this.list);
  }

  /** A required string that must pass `rule` (when given). */
  requiredString(obj: Record<string, unknown>, field: string, rule?: Rule): string {
    const value = obj[field];
    if (value === undefined || value === null || value === '') {
      this.add(field, 'required');
      return '';
    }
    if (typeof value !== 'string') {
      this.add(field, 'must be a string');
      return '';
    }
    this.check(field, value, rule);
    return value;
  }

  /** An optional string (null and absent are the same); checked by `rule` when present. */
  optionalString(obj: Record<string, unknown>, field: string, rule?: Rule): string | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      this.add(field, 'must be a string');
      return undefined;
    }
    if (value === '') return undefined;
    this.check(field, value, rule);
    return value;
  }

  /** An optional boolean. */
  optionalBoolean(obj: Record<string, unknown>, field: string): boolean | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.add(field, 'must be true or false');
    return typeof value === 'boolean' ? value : undefined;
  }

  /** An optional string → string map; keys and values checked by `rules`. */
  optionalMap(
    obj: Record<string, unknown>,
    field: string,
    rules: CollectionRules,
  ): Record<string, string> | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (!isPlainObject(value)) {
      this.add(field, 'must be an object of string values');
      return undefined;
    }
    const entries = Object.entries(value);
    if (!this.withinSize(field, entries.length, value, rules)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of entries) {
      const path = `${field}.${pathKey(k)}`;
      const keyProblem = rules.key && problemOf(rules.key, k, false);
      if (keyProblem) this.add(path, `key ${keyProblem}`);
      if (typeof v !== 'string') {
        this.add(path, 'must be a string');
        continue;
      }
      const valueProblem = rules.value && problemOf(rules.value, v, true);
      if (valueProblem) this.add(path, `value ${valueProblem}`);
      else out[k] = v;
    }
    return out;
  }

  /** An optional array of strings, each checked by `rules.value`; duplicates refused. */
  optionalStringArray(
    obj: Record<string, unknown>,
    field: string,
    rules: CollectionRules = {},
  ): string[] | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.add(field, 'must be an array of strings');
      return undefined;
    }
    if (!this.withinSize(field, value.length, value, rules)) return undefined;
    const seen = new Set<string>();
    value.forEach((item, i) => {
      const problem =
        typeof item === 'string' && rules.value ? problemOf(rules.value, item, true) : undefined;
      if (typeof item !== 'string') this.add(`${field}[${i}]`, 'must be a string');
      else if (problem) this.add(`${field}[${i}]`, problem);
      else if (seen.has(item)) this.add(`${field}[${i}]`, `${quote(item)} is listed twice`);
      seen.add(String(item));
    });
    return value.filter((v): v is string => typeof v === 'string');
  }

  private check(field: string, value: string, rule: Rule | undefined): void {
    const problem = rule && problemOf(rule, value, false);
    if (problem) this.add(field, problem);
  }

  /** Refuses a collection over its count or size limit at once, without checking its entries. */
  private withinSize(field: string, count: number, value: unknown, rules: CollectionRules): boolean {
    if (rules.maxEntries !== undefined && count > rules.maxEntries) {
      this.add(field, `must have at most ${rules.maxEntries} entries (got ${count})`);
      return false;
    }
    if (rules.maxBytes !== undefined && JSON.stringify(value).length > rules.maxBytes) {
      this.add(field, `must be at most ${rules.maxBytes} bytes in total`);
      return false;
    }
    return true;
  }
}

/** A JSON object that is not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a request body as JSON; malformed is a 400 naming the parser's complaint. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FaasError('INVALID_REQUEST', `malformed JSON: ${(err as Error).message}`);
  }
}
