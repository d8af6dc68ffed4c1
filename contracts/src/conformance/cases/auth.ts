import { providerRoutes } from '../../routes.js';
import { check } from '../assert.js';
import type { ConformanceCase } from '../case.js';

/** Every `/system/*` route refuses wrong or missing credentials. */
export const authCases: ConformanceCase[] = [
  {
    id: 'auth-401-everywhere',
    title: 'every /system/* route answers 401 with WWW-Authenticate to wrong or missing credentials',
    async run(ctx) {
      const wrong = { user: 'conformance', password: 'definitely-wrong' };
      const failures: string[] = [];
      for (const route of providerRoutes.filter((r) => r.auth)) {
        const path = route.path.replace('{name}', ctx.name('auth'));
        for (const [label, auth] of [
          ['wrong', wrong],
          ['no', null],
        ] as const) {
          const body = ['POST', 'PUT', 'DELETE'].includes(route.method) ? {} : undefined;
          const answer = await ctx.client.request(route.method, path, { auth, body });
          if (answer.status !== 401)
            failures.push(`${route.method} ${path} with ${label} credentials: ${answer.status}`);
          else if (!/^basic/i.test(answer.headers.get('www-authenticate') ?? '')) {
            failures.push(`${route.method} ${path}: 401 without WWW-Authenticate: Basic`);
          }
        }
      }
      check(failures.length === 0, `expected 401: ${failures.join('; ')}`);
    },
  },
];
