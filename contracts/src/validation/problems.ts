import { FaasError } from '../errors.js';
import type { FieldProblem } from '../errors.js';

type Rule = { test: (v: string) => boolean; message: string };

/** Collects every bad field of one request, then throws one error listing them all. */
export class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Throws INVALID_REQUEST naming every problem: `what: field: message; field: message`. */
  throwIfAny(what: string): void {
    if (this.list.length === 0) return;
    const text = this.list.map((p) => `${p.field}: ${p.message}`).join('; ');
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
    if (rule && !rule.test(value)) this.add(field, rule.message);
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
    if (rule && !rule.test(value)) this.add(field, rule.message);
    return value;
  }

  /** An optional boolean. */
  optionalBoolean(obj: Record<string, unknown>, field: string): boolean | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') this.add(field, 'must be true or false');
    return typeof value === 'boolean' ? value : undefined;
  }

  /** An optional string → string map with keys (and optionally values) checked by rules. */
  optionalMap(
    obj: Record<string, unknown>,
    field: string,
    keyRule: Rule,
    valueRule?: Rule,
  ): Record<string, string> | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (!isPlainObject(value)) {
      this.add(field, 'must be an object of string values');
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!keyRule.test(k)) this.add(`${field}.${k}`, `key ${keyRule.message}`);
      if (typeof v !== 'string') this.add(`${field}.${k}`, 'must be a string');
      else if (valueRule && !valueRule.test(v))
        this.add(`${field}.${k}`, `value ${JSON.stringify(v)} ${valueRule.message}`);
      else out[k] = v;
    }
    return out;
  }

  /** An optional array of strings, each checked by `rule` when given; duplicates refused. */
  optionalStringArray(obj: Record<string, unknown>, field: string, rule?: Rule): string[] | undefined {
    const value = obj[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.add(field, 'must be an array of strings');
      return undefined;
    }
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (typeof item !== 'string') this.add(`${field}[${i}]`, 'must be a string');
      else if (rule && !rule.test(item))
        this.add(`${field}[${i}]`, `${JSON.stringify(item)} ${rule.message}`);
      else if (seen.has(item)) this.add(`${field}[${i}]`, `${JSON.stringify(item)} is listed twice`);
      seen.add(String(item));
    });
    return value.filter((v): v is string => typeof v === 'string');
  }
}

/** A JSON object that is not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a request body as JSON; malformed JSON is a 400 naming the parser's complaint. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FaasError('INVALID_REQUEST', `malformed JSON: ${(err as Error).message}`);
  }
}
