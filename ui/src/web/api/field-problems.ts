// Turns the API's one-line validation error back into per-field problems, so the form shows each
// message next to its field in exactly the API's words:
//   invalid function deployment: service: required; limits.memory: "lots" is not a quantity, …
import type { FieldProblem } from '@faas/contracts';

/** A field path as the API writes it: `service`, `limits.memory`, `envVars.1X`, `secrets[0]`. */
const FIELD = /^([A-Za-z][\w]*(?:(?:\.[^\s:;]+)|(?:\[\d+\]))*): /;

/**
 * The problems in an API validation message, or an empty list when the message is not one
 * (`what` is the thing validated: "function deployment"). A "; " inside a message that is not
 * followed by a field path stays part of that message.
 */
export function parseFieldProblems(body: string, what: string): FieldProblem[] {
  const prefix = `invalid ${what}: `;
  if (!body.startsWith(prefix)) return [];
  const problems: FieldProblem[] = [];
  for (const part of body.slice(prefix.length).split('; ')) {
    const match = FIELD.exec(part);
    const last = problems[problems.length - 1];
    if (match) problems.push({ field: match[1]!, message: part.slice(match[0].length) });
    else if (last) last.message += `; ${part}`;
    else return [];
  }
  return problems;
}

/** The top-level field a problem belongs to, with nested parts: `limits.memory` → `limits.memory`, `envVars.1X` → `envVars`. */
export function formFieldOf(field: string): string {
  if (/^(limits|requests)\.(memory|cpu)$/.test(field)) return field;
  return field.split(/[.[]/, 1)[0]!;
}

/** The part of a field path below the form field, shown before the message: `envVars.1X` → `1X`. */
export function subFieldOf(field: string): string | undefined {
  const top = formFieldOf(field);
  if (top === field) return undefined;
  return field.slice(top.length).replace(/^\./, '');
}
