import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';
import type { FunctionEndpoints } from '../../wire/function.js';

/** The optional endpoints route: 501, or the ready replicas. */
export const endpointCases: ConformanceCase[] = [
  {
    id: 'endpoints-optional',
    title:
      'GET /system/endpoints/<name> answers 501, or lists one URL per available replica with a ttl (404 for unknown)',
    async run(ctx) {
      const name = ctx.name('endpoints');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      await ctx.waitAvailable(name);
      const answer = await ctx.client.request('GET', `/system/endpoints/${name}${ctx.query()}`);
      if (answer.status === 501) return;
      checkStatus(answer.status, 200, `GET /system/endpoints/${name}`, answer.text);
      const body = JSON.parse(answer.text) as FunctionEndpoints;
      check(body.name === name, `name ${JSON.stringify(body.name)} ≠ ${name}`);
      check(typeof body.namespace === 'string' && body.namespace.length > 0, 'namespace missing');
      check(
        typeof body.ttlSeconds === 'number' && body.ttlSeconds >= 0,
        `ttlSeconds ${JSON.stringify(body.ttlSeconds)} is not a number ≥ 0`,
      );
      check(
        Array.isArray(body.endpoints) && body.endpoints.length >= 1,
        `expected at least one endpoint, got ${answer.text}`,
      );
      for (const e of body.endpoints)
        check(/^https?:\/\//.test(e.url), `endpoint url ${JSON.stringify(e.url)} is not an http URL`);
      const unknown = await ctx.client.request('GET', `/system/endpoints/${ctx.name('nope')}${ctx.query()}`);
      checkStatus(unknown.status, 404, 'GET /system/endpoints/<unknown>', unknown.text);
    },
  },
];
