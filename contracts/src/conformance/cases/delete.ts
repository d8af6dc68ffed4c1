import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';

/** Delete removes the function; unknown deletes are 404. */
export const deleteCases: ConformanceCase[] = [
  {
    id: 'delete-then-404',
    title: 'DELETE /system/functions answers 202, then the function is gone (status 404, not listed)',
    async run(ctx) {
      const name = ctx.name('delete');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      await ctx.waitAvailable(name);
      const answer = await ctx.client.request('DELETE', '/system/functions', {
        body: {
          functionName: name,
          ...(ctx.settings.namespace ? { namespace: ctx.settings.namespace } : {}),
        },
      });
      checkStatus(answer.status, [200, 202], 'DELETE /system/functions', answer.text);
      await ctx.waitFor(`${name} to answer 404 after delete`, async () =>
        (await ctx.status(name)).status === 404 ? true : undefined,
      );
      check(!(await ctx.list()).some((f) => f.name === name), `${name} is still listed after delete`);
    },
  },
  {
    id: 'delete-unknown-404',
    title: 'DELETE of an unknown function answers 404',
    async run(ctx) {
      const answer = await ctx.client.request('DELETE', '/system/functions', {
        body: {
          functionName: ctx.name('unknown'),
          ...(ctx.settings.namespace ? { namespace: ctx.settings.namespace } : {}),
        },
      });
      checkStatus(answer.status, 404, 'DELETE of an unknown function', answer.text);
    },
  },
];
