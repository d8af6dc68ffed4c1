import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';
import type { CaseContext } from '../context.js';

/** Creates a secret (registering its deletion) and checks 200/201/202. */
async function createSecret(
  ctx: CaseContext,
  name: string,
  value: { value?: string; rawValue?: string },
): Promise<void> {
  ctx.cleanup(() =>
    ctx.client.request('DELETE', `/system/secrets${ctx.query()}`, { body: { name, ...ns(ctx) } }),
  );
  const answer = await ctx.client.request('POST', `/system/secrets${ctx.query()}`, {
    body: { name, ...ns(ctx), ...value },
  });
  checkStatus(answer.status, [200, 201, 202], `POST /system/secrets (${name})`, answer.text);
}

function ns(ctx: CaseContext): { namespace?: string } {
  return ctx.settings.namespace ? { namespace: ctx.settings.namespace } : {};
}

/** Deploys the secret reader for `secret`; returns the function's name. */
async function deployReader(ctx: CaseContext, secret: string): Promise<string> {
  const name = ctx.name('reader');
  await ctx.deploy(
    ctx.deployment(ctx.settings.functions.secretReader, name, { secrets: [secret] }, { secret }),
  );
  return name;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Secrets: create, list without values, update, delete; the function reads the exact bytes. */
export const secretCases: ConformanceCase[] = [
  {
    id: 'secrets-lifecycle',
    title:
      'secrets are created (409 when repeated), listed without values, updated (404 when unknown) and deleted (404 when unknown)',
    async run(ctx) {
      const name = ctx.name('secret');
      const value = `conformance-value-${name}`;
      await createSecret(ctx, name, { value });
      const again = await ctx.client.request('POST', `/system/secrets${ctx.query()}`, {
        body: { name, ...ns(ctx), value },
      });
      checkStatus(again.status, 409, 'POST of an existing secret', again.text);
      const list = await ctx.client.request('GET', `/system/secrets${ctx.query()}`);
      checkStatus(list.status, 200, 'GET /system/secrets', list.text);
      const items = JSON.parse(list.text) as { name: string }[];
      check(
        items.some((s) => s.name === name),
        `${name} is not in the secret list`,
      );
      check(!list.text.includes(value), 'GET /system/secrets revealed a secret value');
      const updated = await ctx.client.request('PUT', `/system/secrets${ctx.query()}`, {
        body: { name, ...ns(ctx), value: `${value}-2` },
      });
      checkStatus(updated.status, [200, 202], 'PUT /system/secrets', updated.text);
      const unknown = ctx.name('nosuchsecret');
      const updateUnknown = await ctx.client.request('PUT', `/system/secrets${ctx.query()}`, {
        body: { name: unknown, ...ns(ctx), value: 'x' },
      });
      checkStatus(updateUnknown.status, 404, 'PUT of an unknown secret', updateUnknown.text);
      const deleted = await ctx.client.request('DELETE', `/system/secrets${ctx.query()}`, {
        body: { name, ...ns(ctx) },
      });
      checkStatus(deleted.status, [200, 202], 'DELETE /system/secrets', deleted.text);
      const after = JSON.parse((await ctx.client.request('GET', `/system/secrets${ctx.query()}`)).text) as {
        name: string;
      }[];
      check(!after.some((s) => s.name === name), `${name} is still listed after DELETE`);
      const deleteUnknown = await ctx.client.request('DELETE', `/system/secrets${ctx.query()}`, {
        body: { name, ...ns(ctx) },
      });
      checkStatus(deleteUnknown.status, 404, 'DELETE of an unknown secret', deleteUnknown.text);
    },
  },
  {
    id: 'secret-value-read',
    title:
      'a function reads the exact bytes of a secret created with value, and the new bytes after an update',
    async run(ctx) {
      const secret = ctx.name('textsecret');
      const value = 'line one\nline two with ünïcode\n';
      await createSecret(ctx, secret, { value });
      const reader = await deployReader(ctx, secret);
      const answer = await ctx.invokeReady(reader);
      checkStatus(answer.status, 200, 'invoke the secret reader', answer.text);
      check(
        answer.text === value,
        `the function read ${JSON.stringify(answer.text)}, expected ${JSON.stringify(value)}`,
      );
      const updated = await ctx.client.request('PUT', `/system/secrets${ctx.query()}`, {
        body: { name: secret, ...ns(ctx), value: 'second value' },
      });
      checkStatus(updated.status, [200, 202], 'PUT /system/secrets', updated.text);
      await ctx.waitFor('the function to read the updated secret', async () => {
        const res = await ctx.invokeReady(reader);
        return res.text === 'second value' ? res : undefined;
      });
    },
  },
  {
    id: 'secret-raw-read',
    title: 'a function reads the exact bytes of a binary secret created with rawValue (base64)',
    async run(ctx) {
      const secret = ctx.name('rawsecret');
      const bytes = Uint8Array.from([0, 1, 2, 0xfe, 0xff, 10, 13, 0x80, 0x41]);
      await createSecret(ctx, secret, { rawValue: Buffer.from(bytes).toString('base64') });
      const reader = await deployReader(ctx, secret);
      const answer = await ctx.invokeReady(reader);
      checkStatus(answer.status, 200, 'invoke the secret reader', answer.text);
      check(
        hex(answer.bytes) === hex(bytes),
        `the function read ${hex(answer.bytes)}, expected ${hex(bytes)}`,
      );
    },
  },
  {
    id: 'secret-raw-wins',
    title:
      'a secret sent with both value and rawValue (faas-cli secret create --from-file) holds the bytes of rawValue',
    async run(ctx) {
      const secret = ctx.name('bothsecret');
      const bytes = Uint8Array.from([0x66, 0x69, 0x6c, 0x65, 0x00, 0xff]);
      await createSecret(ctx, secret, {
        value: 'not these bytes',
        rawValue: Buffer.from(bytes).toString('base64'),
      });
      const reader = await deployReader(ctx, secret);
      const answer = await ctx.invokeReady(reader);
      checkStatus(answer.status, 200, 'invoke the secret reader', answer.text);
      check(
        hex(answer.bytes) === hex(bytes),
        `the function read ${hex(answer.bytes)}, expected rawValue's ${hex(bytes)}`,
      );
    },
  },
];
