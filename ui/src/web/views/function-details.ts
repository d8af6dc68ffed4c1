// Every field of FunctionStatus, as a description list; maps as key = value lines.
import type { FunctionStatus } from '@faas/contracts';
import { h } from '../lib/dom.js';
import type { Child } from '../lib/dom.js';
import { ago, bytes, count } from '../lib/format.js';

function none(text = 'none'): HTMLElement {
  return h('span', { class: 'none' }, text);
}

function map(value: Record<string, string> | undefined): Child {
  const entries = Object.entries(value ?? {});
  if (entries.length === 0) return none();
  return h(
    'ul',
    { class: 'kv' },
    entries.map(([k, v]) => h('li', {}, h('code', {}, k), ' = ', h('code', {}, v))),
  );
}

function list(value: string[] | undefined): Child {
  if (!value || value.length === 0) return none();
  return h(
    'ul',
    { class: 'tags' },
    value.map((v) => h('li', {}, h('code', {}, v))),
  );
}

function resources(value: FunctionStatus['limits']): Child {
  if (!value || (!value.memory && !value.cpu)) return none('not set');
  return [value.memory ? `memory ${value.memory}` : '', value.cpu ? `cpu ${value.cpu}` : '']
    .filter(Boolean)
    .join(', ');
}

/** Each secret the function names, with the file it reads it from (`secretsDir`, when known). */
function secrets(names: string[] | undefined, secretsDir: string | undefined): Child {
  if (!names || names.length === 0 || !secretsDir) return list(names);
  return h(
    'ul',
    { class: 'kv' },
    names.map((name) => h('li', {}, h('code', {}, name), ' at ', h('code', {}, `${secretsDir}/${name}`))),
  );
}

/** The rows shown, in order; `secretsDir` is where this function finds its secrets. */
export function detailRows(fn: FunctionStatus, secretsDir?: string): [string, Child][] {
  return [
    ['Name', fn.name],
    ['Namespace', fn.namespace],
    ['Image', h('code', {}, fn.image)],
    ['Process (fprocess)', fn.envProcess ? h('code', {}, fn.envProcess) : none('not set')],
    ['Replicas', `${fn.replicas} desired, ${fn.availableReplicas} available`],
    ['Invocations', count(fn.invocationCount)],
    [
      'Created',
      h('time', { datetime: fn.createdAt, title: fn.createdAt }, `${fn.createdAt} (${ago(fn.createdAt)})`),
    ],
    ['Environment', map(fn.envVars)],
    ['Labels', map(fn.labels)],
    ['Annotations', map(fn.annotations)],
    ['Secrets', secrets(fn.secrets, secretsDir)],
    ['Constraints', list(fn.constraints)],
    ['Limits', resources(fn.limits)],
    ['Requests', resources(fn.requests)],
    ['Read-only root filesystem', fn.readOnlyRootFilesystem ? 'yes' : 'no'],
    [
      'Usage',
      fn.usage
        ? [
            fn.usage.cpu !== undefined ? `cpu ${fn.usage.cpu.toFixed(3)} cores` : '',
            fn.usage.totalMemoryBytes !== undefined ? `memory ${bytes(fn.usage.totalMemoryBytes)}` : '',
          ]
            .filter(Boolean)
            .join(', ')
        : none('not measured by this provider'),
    ],
  ];
}

/** The details list. */
export function functionDetails(fn: FunctionStatus, secretsDir?: string): HTMLElement {
  return h(
    'dl',
    { class: 'details' },
    detailRows(fn, secretsDir).map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
  );
}
