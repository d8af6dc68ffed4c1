// "Deploy from JSON": a FunctionDeployment pasted in, checked with the API's rules, then sent the
// way faas-cli deploys (PUT to update; POST when the function does not exist yet).
import { deployFunction, listNamespaces } from '../api/gateway-api.js';
import { ApiError } from '../api/http.js';
import { parseFieldProblems } from '../api/field-problems.js';
import { checkDeployment } from '../deploy/deploy-values.js';
import { h, replace } from '../lib/dom.js';
import { href } from '../lib/routes.js';
import { field } from './form-field.js';
import type { Context, View } from './view.js';
import { startTimes } from './replica-state.js';

const EXAMPLE = JSON.stringify(
  { service: 'echo', image: 'faas/cat', envProcess: 'cat', labels: { 'com.openfaas.scale.min': '1' } },
  null,
  2,
);

/** The JSON deploy page. */
export function deployJsonView(ctx: Context): View {
  const json = field({
    name: 'json',
    label: 'FunctionDeployment (JSON)',
    hint: 'The body of POST /system/functions: service, image, envProcess, envVars, labels, annotations, secrets, limits…',
    control: h('textarea', { rows: 16, spellcheck: false, class: 'mono' }),
  });
  json.control.value = EXAMPLE;
  const problems = h('ul', { class: 'problem-list', id: 'json-problems' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Deploy');

  const show = (items: string[]) => {
    json.setError(
      items.length > 0 ? `${items.length} problem${items.length === 1 ? '' : 's'}, listed below` : undefined,
    );
    replace(
      problems,
      items.map((t) => h('li', {}, t)),
    );
  };
  const send = async () => {
    let body: unknown;
    try {
      body = JSON.parse(json.control.value);
    } catch (err) {
      return show([`malformed JSON: ${(err as Error).message}`]);
    }
    const checked = checkDeployment(body);
    if (!checked.ok)
      return show(checked.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)));
    show([]);
    submit.disabled = true;
    try {
      try {
        await deployFunction(checked.deployment, true);
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 404) throw err;
        await deployFunction(checked.deployment, false);
      }
      const namespace = checked.deployment.namespace ?? (await listNamespaces())[0] ?? '';
      const fn = { name: checked.deployment.service, namespace };
      startTimes.changed(fn);
      ctx.navigate(href({ page: 'function', fn }), `Deployed ${fn.name}.`);
    } catch (err) {
      const fields = err instanceof ApiError ? parseFieldProblems(err.body, 'function deployment') : [];
      if (fields.length > 0) show(fields.map((p) => `${p.field}: ${p.message}`));
      else show([(err as Error).message]);
    } finally {
      submit.disabled = false;
    }
  };

  const element = h(
    'section',
    { class: 'page' },
    h(
      'div',
      { class: 'page-head' },
      h('h1', { tabindex: '-1' }, 'Deploy from JSON'),
      h('a', { class: 'button', href: href({ page: 'deploy' }) }, 'Use the form'),
    ),
    h(
      'p',
      { class: 'lead' },
      'Paste a FunctionDeployment. An existing function of that name is updated (PUT), as faas-cli does.',
    ),
    h(
      'form',
      { novalidate: true, onsubmit: (e: SubmitEvent) => (e.preventDefault(), void send()) },
      json.element,
      h('div', { role: 'alert' }, problems),
      h('div', { class: 'actions' }, submit),
    ),
  );
  return { element, title: 'Deploy from JSON · faas' };
}
