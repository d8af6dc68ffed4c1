// Features later issues build. Until their module is in the app's list, these paths answer an
// honest 501 (with `X-OpenFaaS-Internal: gateway`) instead of a route that pretends.
import type { Router } from 'express';
import { FaasError } from '@faas/contracts';
import type { RouteModule } from './route-module.js';

/** A path pattern (Express 5 syntax), the method(s), and what it will be. */
const PENDING: { methods: ('all' | 'post')[]; paths: string[]; feature: string }[] = [
  { methods: ['post'], paths: ['/system/alert'], feature: 'AlertManager scaling (/system/alert, issue 8)' },
  {
    methods: ['all'],
    paths: ['/async-function/*path'],
    feature: 'asynchronous invocation (/async-function, issue 9)',
  },
  { methods: ['all'], paths: ['/ui', '/ui/', '/ui/*path'], feature: 'the web UI (/ui/, issue 10)' },
];

/** The 501 placeholders; registered after every real module, so a real one always wins. */
export class PendingRoutes implements RouteModule {
  readonly name = 'pending';

  register(router: Router): void {
    for (const { methods, paths, feature } of PENDING) {
      for (const method of methods) {
        router[method](paths, () => {
          throw new FaasError('NOT_IMPLEMENTED', `Not implemented yet: ${feature}.`);
        });
      }
    }
  }
}
