// The browser entry point: the shell, the router, and the system info in the footer.
import { gatewayConnection } from './api/connection.js';
import { systemInfo } from './api/gateway-api.js';
import { MetricsPoller } from './api/metrics-poller.js';
import { h } from './lib/dom.js';
import { parseRoute } from './lib/routes.js';
import type { Route } from './lib/routes.js';
import { deployFormView } from './views/deploy-form.js';
import { deployJsonView } from './views/deploy-json.js';
import { functionListView } from './views/function-list.js';
import { functionPageView } from './views/function-page.js';
import { invokePageView } from './views/invoke-page.js';
import { asyncPageView } from './views/async-page.js';
import { connectionBanner } from './views/connection-banner.js';
import { Notices } from './views/notices.js';
import { secretsPageView } from './views/secrets-page.js';
import type { Context, View } from './views/view.js';

const main = document.getElementById('main')!;
/** A success message for the page being navigated to. */
let flash: string | undefined;
const ctx: Context = {
  notices: new Notices(document.getElementById('notices')!),
  connection: gatewayConnection,
  // The charts' history from /metrics, kept in this browser for the next visits (10 minutes).
  metrics: new MetricsPoller(5000, localStorage),
  navigate: (hash, success) => {
    flash = success;
    if (location.hash === hash) show();
    else location.hash = hash;
  },
};

function viewFor(route: Route): View {
  switch (route.page) {
    case 'functions':
      return functionListView(ctx);
    case 'function':
      return functionPageView(ctx, route.fn);
    case 'invoke':
      return invokePageView(ctx, route.fn);
    case 'deploy':
      return deployFormView(ctx, route.edit);
    case 'deploy-json':
      return deployJsonView(ctx);
    case 'secrets':
      return secretsPageView(ctx);
    case 'async':
      return asyncPageView(ctx);
    case 'not-found':
      return {
        title: 'Not found · faas',
        element: h(
          'section',
          { class: 'page' },
          h('h1', { tabindex: '-1' }, 'No such page'),
          h('p', {}, `Nothing lives at “${route.hash}”. `, h('a', { href: '#/' }, 'See the functions.')),
        ),
      };
  }
}

let current: View | undefined;
let first = true;

function show(): void {
  const route = parseRoute(location.hash);
  current?.dispose?.();
  if (!first) ctx.notices.clear();
  if (flash) ctx.notices.success(flash);
  flash = undefined;
  current = viewFor(route);
  main.replaceChildren(current.element);
  document.title = current.title;
  const section =
    route.page === 'function' || route.page === 'invoke' ? 'functions' : route.page.replace('-json', '');
  for (const link of document.querySelectorAll<HTMLAnchorElement>('[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Move focus to the new page's heading so screen readers announce it; not on first load.
  if (!first) current.element.querySelector<HTMLElement>('h1')?.focus();
  first = false;
}

window.addEventListener('hashchange', show);
show();

connectionBanner(document.getElementById('connection')!, gatewayConnection);

const footer = document.getElementById('system-info')!;
const showInfo = (): void =>
  void systemInfo().then(
    (info) => {
      footer.textContent = `gateway ${info.version.release} · provider ${info.provider.provider} ${info.provider.version.release} (${info.provider.orchestration})`;
    },
    (err: unknown) => ctx.notices.error(err),
  );
showInfo();
// A page opened while the gateway was down gets its footer once the gateway answers.
gatewayConnection.subscribe((liveness) => {
  if (liveness.state === 'live' && footer.textContent === '') showInfo();
});
