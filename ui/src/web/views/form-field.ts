// A labelled form control with a hint and a place for its error, wired for screen readers.
import { h, uid } from '../lib/dom.js';
import type { Child } from '../lib/dom.js';

/** A control with its label, hint and error slot. */
export interface Field {
  /** The wrapper to put in the form. */
  element: HTMLElement;
  /** The input, select or textarea. */
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  /** Shows an error next to the control (or clears it with undefined). */
  setError(message: string | undefined): void;
}

/** What `field` takes. */
export interface FieldOptions {
  /** Visible label. */
  label: string;
  /** Help under the label. */
  hint?: Child;
  /** The control; it gets an id, aria-describedby and aria-invalid. */
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  /** `data-field` name, so errors can find the field. */
  name: string;
}

/** Wraps a control as a form field. */
export function field(options: FieldOptions): Field {
  const id = options.control.id || uid(`f-${options.name.replace(/\W/g, '-')}`);
  options.control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const hint = options.hint ? h('p', { class: 'field-hint', id: hintId }, options.hint) : null;
  options.control.setAttribute('aria-describedby', hint ? `${hintId} ${errorId}` : errorId);
  const element = h(
    'div',
    { class: 'field', 'data-field': options.name },
    h('label', { for: id }, options.label),
    hint,
    options.control,
    error,
  );
  return {
    element,
    control: options.control,
    setError(message) {
      error.textContent = message ?? '';
      error.hidden = !message;
      if (message) options.control.setAttribute('aria-invalid', 'true');
      else options.control.removeAttribute('aria-invalid');
    },
  };
}
