// Secrets: list, create, replace a value, delete. Values are write-only: never shown after sending.
import type { SecretDescription } from '@faas/contracts';
import { rules } from '@faas/contracts';
import { deleteSecret, listNamespaces, listSecrets, systemInfo, writeSecret } from '../api/gateway-api.js';
import { secretsDirOf } from '../api/secret-paths.js';
import type { SecretValue } from '../api/gateway-api.js';
import { h, replace } from '../lib/dom.js';
import { confirmAction } from './confirm-dialog.js';
import { field } from './form-field.js';
import type { Context, View } from './view.js';

/** A file's bytes as base64 (`rawValue`). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The secrets page. */
export function secretsPageView(ctx: Context): View {
  const namespace = h('select', { id: 'secret-namespace' });
  const list = h('div', { class: 'secret-list' }, h('p', { class: 'loading' }, 'Loading secrets…'));
  const name = field({
    name: 'name',
    label: 'Secret name',
    hint: 'Lower-case letters, digits, "-" and "."',
    control: h('input', { type: 'text', autocomplete: 'off', spellcheck: false }),
  });
  const value = field({
    name: 'value',
    label: 'Secret value',
    hint: 'Sent once; never shown again',
    control: h('textarea', { rows: 3, spellcheck: false, autocomplete: 'off' }),
  });
  const file = field({
    name: 'file',
    label: 'Or a file (binary values)',
    control: h('input', { type: 'file' }),
  });
  const where = h('code', { class: 'secrets-dir' }, `${secretsDirOf(undefined)}/<name>`);
  const lead = h(
    'p',
    { class: 'lead' },
    'A function finds each secret it names as a file: ',
    where,
    '. Values are write-only: this page never shows them.',
  );
  // The provider says where its functions really find them (the local provider: not in a container).
  void systemInfo().then(
    (info) => {
      where.textContent = `${secretsDirOf(info.provider)}/<name>`;
      if (info.provider.secretMountPath)
        lead.insertBefore(
          document.createTextNode(
            ` on this provider (${info.provider.provider}), the directory its secret_mount_path variable names`,
          ),
          where.nextSibling,
        );
    },
    () => undefined,
  );
  const mode = h('span', { class: 'form-mode' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create secret');
  let updating: string | undefined;

  const reset = () => {
    updating = undefined;
    name.control.value = '';
    (name.control as HTMLInputElement).readOnly = false;
    value.control.value = '';
    (file.control as HTMLInputElement).value = '';
    mode.textContent = 'New secret';
    submit.textContent = 'Create secret';
    name.setError(undefined);
    value.setError(undefined);
  };

  const refresh = async () => {
    try {
      const secrets = await listSecrets(namespace.value || undefined);
      replace(
        list,
        secrets.length === 0
          ? h('p', { class: 'empty' }, 'No secrets in this namespace yet.')
          : table(secrets),
      );
    } catch (err) {
      replace(list, h('p', { class: 'empty' }, (err as Error).message));
    }
  };

  const table = (secrets: SecretDescription[]) =>
    h(
      'table',
      { class: 'secrets cards' },
      h('caption', { class: 'visually-hidden' }, 'Secrets (values are never shown)'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Name'),
          h('th', { scope: 'col' }, 'Namespace'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
        ),
      ),
      h(
        'tbody',
        {},
        secrets.map((s) =>
          h(
            'tr',
            { 'data-secret': s.name },
            h('th', { scope: 'row', 'data-label': 'Name' }, h('code', {}, s.name)),
            h('td', { 'data-label': 'Namespace' }, s.namespace),
            h(
              'td',
              { class: 'row-actions' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'button',
                  'aria-label': `Replace the value of ${s.name}`,
                  onclick: () => startUpdate(s.name),
                },
                'Replace value',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button danger',
                  'aria-label': `Delete ${s.name}`,
                  onclick: () => void remove(s),
                },
                'Delete',
              ),
            ),
          ),
        ),
      ),
    );

  const startUpdate = (secret: string) => {
    reset();
    updating = secret;
    name.control.value = secret;
    (name.control as HTMLInputElement).readOnly = true;
    mode.textContent = `Replace the value of ${secret}`;
    submit.textContent = 'Replace value';
    value.control.focus();
  };

  const remove = async (s: SecretDescription) => {
    if (
      !(await confirmAction(
        `Delete secret ${s.name}?`,
        'Functions that mount it keep running, but cannot be redeployed with it until it exists again.',
        `Delete ${s.name}`,
      ))
    )
      return;
    try {
      await deleteSecret(s.name, s.namespace);
      await refresh();
      ctx.notices.success(`Deleted secret ${s.name}.`);
    } catch (err) {
      ctx.notices.error(err);
    }
  };

  const send = async () => {
    const secret = name.control.value.trim();
    const upload = (file.control as HTMLInputElement).files?.[0];
    name.setError(rules.secretName.test(secret) ? undefined : secret ? rules.secretName.message : 'required');
    value.setError(
      upload || value.control.value !== '' ? undefined : 'required: type a value or choose a file',
    );
    if (!rules.secretName.test(secret)) return name.control.focus();
    if (!upload && value.control.value === '') return value.control.focus();
    const payload: SecretValue = upload
      ? { rawValue: await base64Of(upload) }
      : { value: value.control.value };
    try {
      await writeSecret(secret, namespace.value || undefined, payload, updating !== undefined);
      const done = `${updating ? 'Replaced the value of' : 'Created'} secret ${secret}.`;
      reset();
      await refresh();
      ctx.notices.success(done);
    } catch (err) {
      ctx.notices.error(err);
    }
  };

  namespace.addEventListener('change', () => void refresh());
  void listNamespaces().then(
    (namespaces) => {
      replace(
        namespace,
        namespaces.map((ns) => h('option', { value: ns }, ns)),
      );
      void refresh();
    },
    (err: unknown) => {
      ctx.notices.error(err);
      void refresh();
    },
  );
  reset();

  const element = h(
    'section',
    { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Secrets')),
    lead,
    h('div', { class: 'toolbar' }, h('label', { for: 'secret-namespace' }, 'Namespace'), namespace),
    list,
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'secret-form-title' },
      h('h2', { id: 'secret-form-title' }, mode),
      h(
        'form',
        { novalidate: true, onsubmit: (e: SubmitEvent) => (e.preventDefault(), void send()) },
        name.element,
        value.element,
        file.element,
        h(
          'div',
          { class: 'actions' },
          submit,
          h(
            'button',
            { type: 'reset', class: 'button', onclick: (e: Event) => (e.preventDefault(), reset()) },
            'Cancel',
          ),
        ),
      ),
    ),
  );
  return { element, title: 'Secrets · faas' };
}
