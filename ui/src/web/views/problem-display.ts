// Puts validation problems next to their fields, and lists them in a summary at the top of the
// form with links to each field (the accessible "error summary" pattern).
import type { FieldProblem } from '@faas/contracts';
import { formFieldOf, subFieldOf } from '../api/field-problems.js';
import { h, replace } from '../lib/dom.js';
import type { Field } from './form-field.js';

/** The fields of a form by API field name, and its summary box. */
export class ProblemDisplay {
  constructor(
    private readonly fields: Record<string, Field>,
    private readonly summary: HTMLElement,
  ) {}

  /** Clears every message. */
  clear(): void {
    for (const f of Object.values(this.fields)) f.setError(undefined);
    this.summary.hidden = true;
    this.summary.replaceChildren();
  }

  /** Shows each problem next to its field (in the API's words); the rest in the summary. */
  show(problems: readonly FieldProblem[], heading = 'The function was not deployed:'): void {
    this.clear();
    const byField = new Map<string, string[]>();
    const items: HTMLElement[] = [];
    for (const p of problems) {
      const name = formFieldOf(p.field);
      const target = this.fields[name];
      const sub = subFieldOf(p.field);
      const text = sub ? `${sub}: ${p.message}` : p.message;
      if (target) byField.set(name, [...(byField.get(name) ?? []), text]);
      const label = (target?.element.querySelector('label, legend')?.textContent ?? p.field).replace(
        /\s*\*$/,
        '',
      );
      const words = p.field ? `${label}: ${text}` : text;
      items.push(
        h(
          'li',
          {},
          target
            ? h(
                'a',
                { href: `#${target.control.id}`, onclick: (e: MouseEvent) => focusField(e, target) },
                words,
              )
            : words,
        ),
      );
    }
    for (const [name, messages] of byField) this.fields[name]!.setError(messages.join('; '));
    replace(this.summary, h('h2', { tabindex: '-1' }, heading), h('ul', {}, items));
    this.summary.hidden = false;
    this.summary.querySelector<HTMLElement>('h2')?.focus();
  }
}

/** Summary links focus the field without changing the page's hash route. */
function focusField(event: MouseEvent, field: Field): void {
  event.preventDefault();
  field.control.focus();
  field.control.scrollIntoView({ block: 'center' });
}
