// The invoke panel: method, path, query, headers, body (text or file), content type, sync or async.
import { getFunction } from '../api/gateway-api.js';
import { invoke, invokeUrl, parseHeaderLines } from '../api/invoke.js';
import { RecentCalls } from '../api/recent-calls.js';
import { h, replace } from '../lib/dom.js';
import { href } from '../lib/routes.js';
import type { FunctionRef } from '../lib/routes.js';
import { field } from './form-field.js';
import { invokeResult } from './invoke-result.js';
import type { Context, View } from './view.js';

/** The invoke page. */
export function invokePageView(ctx: Context, fn: FunctionRef): View {
  // The methods a watchdog answers (watchdog/README.md); kept here so the bundle skips the route tables.
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const method = field({
    name: 'method',
    label: 'Method',
    control: h(
      'select',
      {},
      methods.map((m) => h('option', { value: m, selected: m === 'POST' }, m)),
    ),
  });
  const path = field({
    name: 'path',
    label: 'Path',
    hint: 'After /function/<name>, e.g. /items/1',
    control: h('input', { type: 'text', placeholder: '/', autocomplete: 'off' }),
  });
  const query = field({
    name: 'query',
    label: 'Query',
    hint: 'e.g. a=1&b=2',
    control: h('input', { type: 'text', autocomplete: 'off' }),
  });
  const headers = field({
    name: 'headers',
    label: 'Headers',
    hint: 'One "Name: value" per line',
    control: h('textarea', { rows: 3, spellcheck: false }),
  });
  const contentType = field({
    name: 'contentType',
    label: 'Content type',
    control: h('input', { type: 'text', value: 'text/plain', list: 'content-types' }),
  });
  const types = h(
    'datalist',
    { id: 'content-types' },
    ['text/plain', 'application/json', 'application/octet-stream', 'application/x-www-form-urlencoded'].map(
      (t) => h('option', { value: t }),
    ),
  );
  const bodyText = field({
    name: 'body',
    label: 'Body',
    control: h('textarea', { rows: 6, spellcheck: false }),
  });
  const bodyFile = field({ name: 'file', label: 'Body from a file', control: h('input', { type: 'file' }) });
  const asText = h('input', { type: 'radio', name: 'body-source', value: 'text', checked: true });
  const asFile = h('input', { type: 'radio', name: 'body-source', value: 'file' });
  const sync = h('input', { type: 'radio', name: 'mode', value: 'sync', checked: true });
  const queued = h('input', { type: 'radio', name: 'mode', value: 'async' });
  const callback = field({
    name: 'callback',
    label: 'Callback URL (optional)',
    hint: 'The queue worker POSTs the answer here',
    control: h('input', { type: 'url', placeholder: 'http://…' }),
  });
  const target = h('p', { class: 'target' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Invoke');
  const result = h('div', { class: 'result-area' });
  // Its environment says which time limits apply, for explaining a timed-out answer; optional.
  let envVars: Record<string, string> | undefined;
  void getFunction(fn, { timeoutMs: 10_000 }).then(
    (status) => (envVars = status.envVars ?? {}),
    () => undefined,
  );

  const updateHints = () => {
    const file = asFile.checked;
    bodyText.element.hidden = file;
    bodyFile.element.hidden = !file;
    callback.element.hidden = !queued.checked;
    const noBody = method.control.value === 'GET';
    bodyText.control.disabled = noBody;
    target.replaceChildren(
      'Sends ',
      h(
        'code',
        {},
        `${method.control.value} ${invokeUrl({ fn, path: path.control.value, query: query.control.value, async: queued.checked })}`,
      ),
      noBody ? ' (GET sends no body)' : '',
    );
  };
  for (const el of [method.control, path.control, query.control, asText, asFile, sync, queued])
    el.addEventListener('input', updateHints);
  updateHints();

  const send = async () => {
    const parsed = parseHeaderLines(headers.control.value);
    headers.setError(parsed.problems.join('; ') || undefined);
    if (parsed.problems.length > 0) return headers.control.focus();
    const file = (bodyFile.control as HTMLInputElement).files?.[0];
    submit.disabled = true;
    submit.textContent = 'Invoking…';
    try {
      const answer = await invoke({
        fn,
        method: method.control.value,
        path: path.control.value,
        query: query.control.value,
        headers: parsed.headers,
        contentType: contentType.control.value.trim(),
        body: asFile.checked ? file : bodyText.control.value,
        async: queued.checked,
        ...(queued.checked && callback.control.value.trim()
          ? { callbackUrl: callback.control.value.trim() }
          : {}),
      });
      const callId = answer.headers.find(([n]) => n.toLowerCase() === 'x-call-id')?.[1];
      if (queued.checked && answer.status === 202 && callId)
        new RecentCalls(localStorage).remember({
          callId,
          name: fn.name,
          namespace: fn.namespace,
          at: Date.now(),
          ...(callback.control.value.trim() ? { callbackUrl: callback.control.value.trim() } : {}),
        });
      replace(result, invokeResult(answer, queued.checked, envVars));
      // Take keyboard and screen-reader users to the answer.
      result.querySelector<HTMLElement>('h2')?.focus();
    } catch (err) {
      ctx.notices.error(err);
    } finally {
      submit.disabled = false;
      submit.textContent = 'Invoke';
    }
  };

  const form = h(
    'form',
    { class: 'invoke-form', onsubmit: (e: SubmitEvent) => (e.preventDefault(), void send()) },
    h('div', { class: 'row' }, method.element, path.element, query.element),
    headers.element,
    h('div', { class: 'row' }, contentType.element, types),
    h(
      'fieldset',
      { class: 'inline' },
      h('legend', {}, 'Body source'),
      h('label', { class: 'check' }, asText, ' Text'),
      h('label', { class: 'check' }, asFile, ' File'),
    ),
    bodyText.element,
    bodyFile.element,
    h(
      'fieldset',
      { class: 'inline' },
      h('legend', {}, 'Mode'),
      h('label', { class: 'check' }, sync, ' Wait for the answer'),
      h('label', { class: 'check' }, queued, ' Queue it (async)'),
    ),
    callback.element,
    target,
    h('div', { class: 'actions' }, submit),
  );
  const element = h(
    'section',
    { class: 'page' },
    h(
      'p',
      { class: 'crumbs' },
      h('a', { href: href({ page: 'functions' }) }, 'Functions'),
      ' / ',
      h('a', { href: href({ page: 'function', fn }) }, fn.name),
      ' /',
    ),
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, `Invoke ${fn.name}`)),
    h(
      'div',
      { class: 'invoke-layout' },
      h('section', { class: 'panel', 'aria-label': 'Request' }, form),
      result,
    ),
  );
  return { element, title: `Invoke ${fn.name} · faas` };
}
