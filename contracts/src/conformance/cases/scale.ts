import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';
import type { CaseContext } from '../context.js';

async function scale(ctx: CaseContext, name: string, replicas: number): Promise<void> {
  const answer = await ctx.client.request('POST', `/system/scale-function/${name}${ctx.query()}`, {
    body: {
      serviceName: name,
      replicas,
      ...(ctx.settings.namespace ? { namespace: ctx.settings.namespace } : {}),
    },
  });
  checkStatus(answer.status, [200, 202], `POST /system/scale-function/${name} to ${replicas}`, answer.text);
}

/** Desired and available replicas follow scale requests and the scale.min label. */
export const scaleCases: ConformanceCase[] = [
  {
    id: 'scale-up-2',
    title: 'scaling to 2 sets replicas to 2 and availableReplicas reaches 2',
    async run(ctx) {
      const name = ctx.name('scale2');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      await ctx.waitAvailable(name);
      await scale(ctx, name, 2);
      const status = await ctx.waitAvailable(name, 2);
      check(status.replicas === 2, `replicas ${status.replicas} ≠ 2`);
    },
  },
  {
    id: 'scale-to-zero',
    title: 'scaling to 0 is allowed: replicas and availableReplicas reach 0',
    async run(ctx) {
      const name = ctx.name('scale0');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      await ctx.waitAvailable(name);
      await scale(ctx, name, 0);
      await ctx.waitFor(`${name} to have 0 replicas`, async () => {
        const s = await ctx.getStatus(name);
        return s.replicas === 0 && s.availableReplicas === 0 ? s : undefined;
      });
    },
  },
  {
    id: 'scale-unknown-404',
    title: 'scaling an unknown function answers 404',
    async run(ctx) {
      const name = ctx.name('noscale');
      const answer = await ctx.client.request('POST', `/system/scale-function/${name}${ctx.query()}`, {
        body: { serviceName: name, replicas: 1 },
      });
      checkStatus(answer.status, 404, 'POST /system/scale-function/<unknown>', answer.text);
    },
  },
  {
    id: 'scale-min-label',
    title: 'a function labelled com.openfaas.scale.min=2 is deployed with 2 replicas',
    async run(ctx) {
      const name = ctx.name('min2');
      await ctx.deploy(
        ctx.deployment(ctx.settings.functions.env, name, { labels: { 'com.openfaas.scale.min': '2' } }),
      );
      const status = await ctx.getStatus(name);
      check(status.replicas === 2, `replicas ${status.replicas} ≠ 2 right after deploy`);
      await ctx.waitAvailable(name, 2);
    },
  },
];
