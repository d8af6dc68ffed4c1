// The deploy form's fields, named as the API names them so its problems land next to them.
import type { DeployValues } from '../deploy/deploy-values.js';
import { h, replace } from '../lib/dom.js';
import { field } from './form-field.js';
import type { Field } from './form-field.js';

/** The fields and how to read and fill them. */
export interface DeployFields {
  /** The fieldsets. */
  element: HTMLElement;
  /** Fields by API field name (`service`, `limits.memory`, `secrets`, …). */
  fields: Record<string, Field>;
  /** Current values. */
  read(): DeployValues;
  /** Fills every field; `locked` makes name and namespace read-only (update). */
  fill(values: DeployValues, locked: boolean): void;
  /** Offers these namespaces. */
  setNamespaces(namespaces: string[]): void;
  /** The first namespace offered (the provider's default). */
  defaultNamespace(): string;
  /** Offers these secrets as checkboxes (or says why there are none). */
  setSecretChoices(names: string[], error?: string): void;
}

const text = (attrs: Record<string, string | boolean> = {}) =>
  h('input', { type: 'text', autocomplete: 'off', spellcheck: false, ...attrs });
const lines = (placeholder: string) => h('textarea', { rows: 3, spellcheck: false, placeholder });

/** Builds the fields. */
export function deployFields(): DeployFields {
  const fields: Record<string, Field> = {
    service: field({
      name: 'service',
      label: 'Name *',
      hint: 'Lower-case letters, digits and "-"; e.g. echo',
      control: text({ required: true }),
    }),
    image: field({
      name: 'image',
      label: 'Image *',
      hint: 'The container image, e.g. faas/cat',
      control: text({ required: true }),
    }),
    namespace: field({ name: 'namespace', label: 'Namespace', control: h('select', {}) }),
    envProcess: field({
      name: 'envProcess',
      label: 'Process (fprocess)',
      hint: 'The command the watchdog runs per request, e.g. cat',
      control: text(),
    }),
    envVars: field({
      name: 'envVars',
      label: 'Environment variables',
      hint: 'One KEY=value per line',
      control: lines('write_timeout=30s'),
    }),
    labels: field({
      name: 'labels',
      label: 'Labels',
      hint: 'One key=value per line; com.openfaas.scale.min, .max, .zero drive scaling',
      control: lines('com.openfaas.scale.min=1'),
    }),
    annotations: field({
      name: 'annotations',
      label: 'Annotations',
      hint: 'One key=value per line',
      control: lines('topic=orders'),
    }),
    constraints: field({
      name: 'constraints',
      label: 'Constraints',
      hint: 'One per line, e.g. node.platform.os == linux',
      control: lines(''),
    }),
    'limits.memory': field({
      name: 'limits.memory',
      label: 'Memory limit',
      hint: 'e.g. 128Mi',
      control: text(),
    }),
    'limits.cpu': field({
      name: 'limits.cpu',
      label: 'CPU limit',
      hint: 'e.g. 500m or 0.5',
      control: text(),
    }),
    'requests.memory': field({ name: 'requests.memory', label: 'Memory request', control: text() }),
    'requests.cpu': field({ name: 'requests.cpu', label: 'CPU request', control: text() }),
    readOnlyRootFilesystem: field({
      name: 'readOnlyRootFilesystem',
      label: 'Read-only root filesystem',
      control: h('input', { type: 'checkbox' }),
    }),
  };
  // Secrets: a group of checkboxes; its "control" for focus and errors is the fieldset's first box.
  const secretBoxes = h('div', { class: 'checks' });
  const secretError = h('p', { class: 'field-error', id: 'secrets-error', hidden: true });
  const secretsFocus = h('input', { type: 'hidden', id: 'secrets-first' });
  const secretsSet = h(
    'fieldset',
    { class: 'field', 'data-field': 'secrets', 'aria-describedby': 'secrets-error' },
    h('legend', {}, 'Secrets'),
    secretBoxes,
    secretError,
  );
  const selected = new Set<string>();
  fields.secrets = {
    element: secretsSet,
    get control() {
      return secretBoxes.querySelector('input') ?? secretsFocus;
    },
    setError(message) {
      secretError.textContent = message ?? '';
      secretError.hidden = !message;
    },
  };
  const value = (name: string) => fields[name]!.control.value;
  const checkbox = fields.readOnlyRootFilesystem!.control as HTMLInputElement;
  const namespace = fields.namespace!.control as HTMLSelectElement;

  const element = h(
    'div',
    {},
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Function'),
      fields.service!.element,
      fields.image!.element,
      fields.namespace!.element,
      fields.envProcess!.element,
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Configuration'),
      fields.envVars!.element,
      fields.labels!.element,
      fields.annotations!.element,
      secretsSet,
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', {}, 'Resources and placement'),
      h('div', { class: 'row' }, fields['limits.memory']!.element, fields['limits.cpu']!.element),
      h('div', { class: 'row' }, fields['requests.memory']!.element, fields['requests.cpu']!.element),
      fields.constraints!.element,
      fields.readOnlyRootFilesystem!.element,
    ),
  );
  fields.readOnlyRootFilesystem!.element.classList.add('check-field');

  return {
    element,
    fields,
    read: () => ({
      service: value('service'),
      image: value('image'),
      namespace: namespace.value,
      envProcess: value('envProcess'),
      envVars: value('envVars'),
      labels: value('labels'),
      annotations: value('annotations'),
      constraints: value('constraints'),
      secrets: [...selected],
      'limits.memory': value('limits.memory'),
      'limits.cpu': value('limits.cpu'),
      'requests.memory': value('requests.memory'),
      'requests.cpu': value('requests.cpu'),
      readOnlyRootFilesystem: checkbox.checked,
    }),
    fill(values, locked) {
      for (const [name, f] of Object.entries(fields)) {
        const v = values[name as keyof DeployValues];
        if (typeof v === 'string' && name !== 'namespace') f.control.value = v;
      }
      if (values.namespace) namespace.value = values.namespace;
      checkbox.checked = values.readOnlyRootFilesystem;
      selected.clear();
      for (const s of values.secrets) selected.add(s);
      for (const box of secretBoxes.querySelectorAll('input')) box.checked = selected.has(box.value);
      (fields.service!.control as HTMLInputElement).readOnly = locked;
      namespace.disabled = locked;
    },
    setNamespaces(namespaces) {
      const current = namespace.value;
      replace(
        namespace,
        namespaces.map((ns) => h('option', { value: ns }, ns)),
      );
      if (namespaces.includes(current)) namespace.value = current;
    },
    defaultNamespace: () => namespace.options[0]?.value ?? '',
    setSecretChoices(names, error) {
      const all = [...new Set([...names, ...selected])].sort();
      if (error) replace(secretBoxes, h('p', { class: 'none' }, `Secrets could not be listed: ${error}`));
      else if (all.length === 0)
        replace(
          secretBoxes,
          h(
            'p',
            { class: 'none' },
            'No secrets in this namespace. ',
            h('a', { href: '#/secrets' }, 'Create one'),
            ' first to mount it.',
          ),
        );
      else
        replace(
          secretBoxes,
          all.map((name) => {
            const box = h('input', { type: 'checkbox', value: name, checked: selected.has(name) });
            box.addEventListener('change', () => (box.checked ? selected.add(name) : selected.delete(name)));
            return h(
              'label',
              { class: 'check' },
              box,
              ' ',
              h('code', {}, name),
              names.includes(name) ? '' : ' (missing)',
            );
          }),
        );
    },
  };
}
