// What a newcomer sees before the first function: how to deploy one, from here or a terminal.
import { h } from '../lib/dom.js';
import { href } from '../lib/routes.js';

/** The "no functions yet" panel; `origin` is the gateway's URL for the commands. */
export function emptyState(origin: string): HTMLElement {
  const body = JSON.stringify({ service: 'echo', image: 'faas/cat', envProcess: 'cat' });
  return h(
    'div',
    { class: 'empty-state' },
    h('h2', {}, 'No functions yet'),
    h(
      'p',
      {},
      'A function is any process that reads a request on stdin and writes the answer on stdout. ',
      'Deploy one with the form, or from a terminal:',
    ),
    h(
      'p',
      {},
      h('a', { class: 'button primary', href: href({ page: 'deploy' }) }, 'Deploy your first function'),
    ),
    h('p', {}, 'With faas-cli (log in first with ', h('code', {}, `faas-cli login -g ${origin}`), '):'),
    h('pre', {}, h('code', {}, `faas-cli deploy -g ${origin} --name echo --image faas/cat --fprocess cat`)),
    h('p', {}, 'With curl:'),
    h(
      'pre',
      {},
      h(
        'code',
        {},
        `curl -u admin:PASSWORD ${origin}/system/functions -d '${body}'\ncurl ${origin}/function/echo -d 'hello'`,
      ),
    ),
  );
}
