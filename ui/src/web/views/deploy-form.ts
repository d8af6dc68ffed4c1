// The deploy form: a new function (POST) or an update of one (PUT), checked with the API's rules.
import { listNamespaces, listSecrets, deployFunction, getFunction } from '../api/gateway-api.js';
import { ApiError } from '../api/http.js';
import { parseFieldProblems } from '../api/field-problems.js';
import { checkValues, valuesFromStatus } from '../deploy/deploy-values.js';
import { h } from '../lib/dom.js';
import { href } from '../lib/routes.js';
import type { FunctionRef } from '../lib/routes.js';
import { deployFields } from './deploy-fields.js';
import { ProblemDisplay } from './problem-display.js';
import { startTimes } from './replica-state.js';
import type { Context, View } from './view.js';

/** The deploy page; with `edit`, the form is filled from that function and updates it. */
export function deployFormView(ctx: Context, edit?: FunctionRef): View {
  const form = deployFields();
  const summary = h('div', { class: 'error-summary', role: 'alert', hidden: true });
  const problems = new ProblemDisplay(form.fields, summary);
  const submit = h('button', { type: 'submit', class: 'button primary' }, edit ? 'Update' : 'Deploy');
  const fields = h('fieldset', { class: 'plain', disabled: edit !== undefined }, form.element);
  submit.disabled = edit !== undefined;

  const loadSecrets = async (namespace: string) => {
    try {
      form.setSecretChoices((await listSecrets(namespace || undefined)).map((s) => s.name));
    } catch (err) {
      form.setSecretChoices([], (err as Error).message);
    }
  };
  form.fields.namespace!.control.addEventListener(
    'change',
    () => void loadSecrets(form.fields.namespace!.control.value),
  );

  // A new function's form is usable at once (what the user types is kept); an update's form waits,
  // disabled, for the function's current values.
  const load = async () => {
    try {
      form.setNamespaces(await listNamespaces());
      if (edit) form.fill(valuesFromStatus(await getFunction(edit)), true);
    } catch (err) {
      ctx.notices.error(err);
    } finally {
      fields.disabled = false;
      submit.disabled = false;
    }
    await loadSecrets(form.fields.namespace!.control.value);
  };

  const send = async () => {
    const checked = checkValues(form.read());
    if (!checked.ok) return problems.show(checked.problems);
    problems.clear();
    submit.disabled = true;
    try {
      await deployFunction(checked.deployment, edit !== undefined);
      const fn = {
        name: checked.deployment.service,
        namespace: checked.deployment.namespace ?? form.defaultNamespace(),
      };
      // An update starts new replicas: "Starting", not "Not ready", while they come up.
      startTimes.changed(fn);
      ctx.navigate(href({ page: 'function', fn }), `${edit ? 'Updated' : 'Deployed'} ${fn.name}.`);
    } catch (err) {
      if (!(err instanceof ApiError)) return ctx.notices.error(err);
      const fields = parseFieldProblems(err.body, 'function deployment');
      if (fields.length > 0) problems.show(fields);
      else if (err.status === 409) problems.show([{ field: 'service', message: err.body }]);
      else if (err.status === 400 && /secret/i.test(err.body))
        problems.show([{ field: 'secrets', message: err.body }]);
      else problems.show([{ field: '', message: err.message }]);
    } finally {
      submit.disabled = false;
    }
  };

  void load();
  const element = h(
    'section',
    { class: 'page' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, edit ? `Update ${edit.name}` : 'Deploy a function'),
      edit ? null : h('a', { class: 'button', href: href({ page: 'deploy-json' }) }, 'Deploy from JSON'),
    ),
    h(
      'p',
      { class: 'lead' },
      'Any process that reads the request on stdin and writes the answer on stdout is a function: ',
      h('code', {}, 'cat'),
      ' echoes, ',
      h('code', {}, 'sha512sum'),
      ' hashes. Fields marked * are required.',
    ),
    summary,
    h(
      'form',
      {
        class: 'deploy-form',
        novalidate: true,
        onsubmit: (e: SubmitEvent) => (e.preventDefault(), void send()),
      },
      fields,
      h('div', { class: 'actions' }, submit),
    ),
  );
  return { element, title: `${edit ? `Update ${edit.name}` : 'Deploy'} · faas` };
}
