import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';

/** Invocations reach the function with method, path and query; redirects pass unfollowed. */
export const invokeCases: ConformanceCase[] = [
  {
    id: 'invoke-methods',
    title:
      'GET, POST, PUT, PATCH and DELETE reach the function (Http_Method) with the path remainder (Http_Path)',
    async run(ctx) {
      const name = ctx.name('methods');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      await ctx.invokeReady(name);
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const answer = await ctx.client.request(method, `${ctx.functionPath(name)}/sub/path`, {
          auth: null,
          ...(method === 'GET' ? {} : { body: 'payload', headers: { 'Content-Type': 'text/plain' } }),
        });
        checkStatus(answer.status, 200, `${method} ${ctx.functionPath(name)}/sub/path`, answer.text);
        check(
          answer.text.includes(`Http_Method=${method}`),
          `${method}: the function did not see Http_Method=${method}:\n${answer.text.slice(0, 300)}`,
        );
        check(
          answer.text.includes('Http_Path=/sub/path'),
          `${method}: the function did not see Http_Path=/sub/path`,
        );
      }
    },
  },
  {
    id: 'invoke-query',
    title: 'the query string reaches the function (Http_Query)',
    async run(ctx) {
      const name = ctx.name('query');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      const answer = await ctx.invokeReady(name, '?a=1&b=two');
      checkStatus(answer.status, 200, 'GET with a query', answer.text);
      check(
        answer.text.includes('Http_Query=a=1&b=two'),
        `the function did not see Http_Query=a=1&b=two:\n${answer.text.slice(0, 300)}`,
      );
    },
  },
  {
    id: 'invoke-redirect-unfollowed',
    title: "a function's 302 reaches the caller as a 302 with its Location (never followed)",
    async run(ctx) {
      const name = ctx.name('redirect');
      const { path, ...spec } = ctx.settings.functions.redirect;
      await ctx.deploy(ctx.deployment(spec, name));
      const answer = await ctx.invokeReady(name, path);
      checkStatus(answer.status, 302, `GET ${ctx.functionPath(name)}${path}`, answer.text);
      check(answer.headers.get('location'), 'the 302 lost its Location header');
    },
  },
  {
    id: 'invoke-unknown',
    title: 'invoking an unknown function answers 404, 502 or 503',
    async run(ctx) {
      const answer = await ctx.client.request('GET', ctx.functionPath(ctx.name('nobody')), { auth: null });
      checkStatus(answer.status, [404, 502, 503], 'GET /function/<unknown>', answer.text);
    },
  },
];
