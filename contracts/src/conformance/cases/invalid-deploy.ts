import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';
import type { CaseContext } from '../context.js';

/** Sends a bad deployment for `name`; checks 400 and that no function of that name appears. */
async function refused(ctx: CaseContext, name: string, body: unknown, what: string): Promise<void> {
  const answer = await ctx.deployRaw(
    body,
    name,
    typeof body === 'string' ? { headers: { 'Content-Type': 'application/json' } } : {},
  );
  checkStatus(answer.status, 400, `POST /system/functions with ${what}`, answer.text);
  check(
    answer.text.trim().length > 0 && !answer.text.trim().includes('\n'),
    `the 400 body should be one line of text, got ${JSON.stringify(answer.text)}`,
  );
  await new Promise((r) => setTimeout(r, ctx.settings.pollMs));
  const listed = (await ctx.list()).map((f) => f.name);
  check(!listed.includes(name), `${name} appeared after a deployment with ${what} was refused`);
}

/** Invalid deployments are refused with 400 and leave nothing behind. */
export const invalidDeployCases: ConformanceCase[] = [
  {
    id: 'deploy-invalid-name-400',
    title: 'a deployment with an invalid name answers 400 and deploys nothing',
    async run(ctx) {
      const name = `${ctx.name('bad')}_Name`;
      await refused(ctx, name, ctx.deployment(ctx.settings.functions.env, name), 'an invalid name');
    },
  },
  {
    id: 'deploy-missing-image-400',
    title: 'a deployment without an image answers 400 and deploys nothing',
    async run(ctx) {
      const name = ctx.name('noimage');
      const { image: _image, ...body } = ctx.deployment(ctx.settings.functions.env, name);
      await refused(ctx, name, body, 'no image');
    },
  },
  {
    id: 'deploy-malformed-json-400',
    title: 'a deployment that is not valid JSON answers 400 and deploys nothing',
    async run(ctx) {
      const name = ctx.name('malformed');
      const text = JSON.stringify(ctx.deployment(ctx.settings.functions.env, name));
      await refused(ctx, name, text.slice(0, text.length - 5), 'malformed JSON');
    },
  },
  {
    id: 'deploy-unknown-secret-400',
    title: 'a deployment naming a secret that does not exist answers 400 and deploys nothing',
    async run(ctx) {
      const name = ctx.name('nosecret');
      const body = ctx.deployment(ctx.settings.functions.env, name, { secrets: [ctx.name('absent-secret')] });
      await refused(ctx, name, body, 'an unknown secret');
    },
  },
];
