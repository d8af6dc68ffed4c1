import { check, checkContains, checkStatus, jsonEqual } from '../assert.js';
import type { ConformanceCase } from '../case.js';
import type { CaseContext } from '../context.js';
import type { FunctionStatus } from '../../wire/function.js';

/** A deployed function as the list shows it (once it does) and as its status does, each named. */
async function listedAndStatus(ctx: CaseContext, name: string): Promise<[string, FunctionStatus][]> {
  const listed = await ctx.waitFor(`${name} in GET /system/functions`, async () =>
    (await ctx.list()).find((f) => f.name === name),
  );
  return [
    ['list', listed],
    ['status', await ctx.getStatus(name)],
  ];
}

const labels = { 'conformance.faas.dev/case': 'fields', team: 'blue' };
const annotations = { 'conformance.faas.dev/note': 'kept as sent', topic: 'a b/c' };
const limits = { memory: '40Mi', cpu: '200m' };
const requests = { memory: '20Mi', cpu: '50m' };

/** Deploy, list, status, update, conflicts. */
export const deployCases: ConformanceCase[] = [
  {
    id: 'deploy-lists-fields',
    title:
      'a deployed function is listed with its name, image, namespace, envProcess, labels, annotations, limits, requests and readOnlyRootFilesystem',
    async run(ctx) {
      const name = ctx.name('fields');
      const deployment = ctx.deployment(ctx.settings.functions.env, name, {
        labels,
        annotations,
        limits,
        requests,
        readOnlyRootFilesystem: true,
      });
      await ctx.deploy(deployment);
      for (const [where, status] of await listedAndStatus(ctx, name)) {
        check(
          status.image === deployment.image,
          `${where}: image ${JSON.stringify(status.image)} ≠ ${deployment.image}`,
        );
        check(
          typeof status.namespace === 'string' && status.namespace.length > 0,
          `${where}: namespace missing`,
        );
        if (ctx.settings.namespace)
          check(status.namespace === ctx.settings.namespace, `${where}: namespace ${status.namespace}`);
        check(
          status.envProcess === deployment.envProcess,
          `${where}: envProcess ${JSON.stringify(status.envProcess)} ≠ ${JSON.stringify(deployment.envProcess)}`,
        );
        checkContains(status.labels, { ...labels, faas_function: name }, `${where}: labels`);
        checkContains(status.annotations, annotations, `${where}: annotations`);
        check(
          jsonEqual(status.limits, limits),
          `${where}: limits ${JSON.stringify(status.limits)} ≠ ${JSON.stringify(limits)} (echo exactly as sent)`,
        );
        check(
          jsonEqual(status.requests, requests),
          `${where}: requests ${JSON.stringify(status.requests)} ≠ ${JSON.stringify(requests)}`,
        );
        check(
          status.readOnlyRootFilesystem === true,
          `${where}: readOnlyRootFilesystem ${JSON.stringify(status.readOnlyRootFilesystem)} ≠ true`,
        );
        check(
          typeof status.replicas === 'number' && typeof status.availableReplicas === 'number',
          `${where}: replicas/availableReplicas must be numbers`,
        );
        check(
          status.invocationCount === 0,
          `${where}: invocationCount ${JSON.stringify(status.invocationCount)} ≠ 0`,
        );
        check(
          typeof status.createdAt === 'string' && !Number.isNaN(Date.parse(status.createdAt)),
          `${where}: createdAt ${JSON.stringify(status.createdAt)} is not a time`,
        );
      }
    },
  },
  {
    id: 'deploy-omits-absent-fields',
    title:
      'limits and requests are absent when none were deployed; labels, annotations and envVars are always objects ({} when empty); readOnlyRootFilesystem is false',
    async run(ctx) {
      const name = ctx.name('bare');
      const deployment = ctx.deployment(ctx.settings.functions.env, name);
      await ctx.deploy(deployment);
      for (const [where, status] of await listedAndStatus(ctx, name)) {
        check(
          !('limits' in status),
          `${where}: limits should be absent, got ${JSON.stringify(status.limits)}`,
        );
        check(
          !('requests' in status),
          `${where}: requests should be absent, got ${JSON.stringify(status.requests)}`,
        );
        // Clients dereference these maps without checking (the OpenFaaS certifier does).
        for (const map of ['labels', 'annotations', 'envVars'] as const) {
          const value = status[map];
          check(
            typeof value === 'object' && value !== null && !Array.isArray(value),
            `${where}: ${map} should be an object ({} when empty), got ${JSON.stringify(value)}`,
          );
        }
        check(
          jsonEqual(status.annotations, {}),
          `${where}: annotations should be {}, got ${JSON.stringify(status.annotations)}`,
        );
        checkContains(status.envVars, deployment.envVars ?? {}, `${where}: envVars`);
        check(
          status.readOnlyRootFilesystem === false,
          `${where}: readOnlyRootFilesystem ${JSON.stringify(status.readOnlyRootFilesystem)} ≠ false`,
        );
        checkContains(status.labels, { faas_function: name }, `${where}: labels`);
      }
    },
  },
  {
    id: 'deploy-existing-409',
    title: 'deploying a name that exists answers 409',
    async run(ctx) {
      const name = ctx.name('twice');
      const deployment = ctx.deployment(ctx.settings.functions.env, name);
      await ctx.deploy(deployment);
      const again = await ctx.client.request('POST', '/system/functions', { body: deployment });
      checkStatus(again.status, 409, 'second POST /system/functions', again.text);
    },
  },
  {
    id: 'update-existing',
    title: 'PUT of an existing function answers 202 and the status shows the new spec',
    async run(ctx) {
      const name = ctx.name('update');
      const deployment = ctx.deployment(ctx.settings.functions.env, name);
      await ctx.deploy(deployment);
      const answer = await ctx.client.request('PUT', '/system/functions', {
        body: {
          ...deployment,
          labels: { revision: 'two' },
          envVars: { ...deployment.envVars, REVISION: 'two' },
        },
      });
      checkStatus(answer.status, [200, 202], 'PUT /system/functions', answer.text);
      const status = await ctx.waitFor('the updated labels and envVars', async () => {
        const s = await ctx.getStatus(name);
        return s.labels?.revision === 'two' && s.envVars?.REVISION === 'two' ? s : undefined;
      });
      checkContains(status.labels, { faas_function: name }, 'labels after update');
      const invoked = await ctx.waitFor('the updated function to answer with REVISION=two', async () => {
        const res = await ctx.invokeReady(name);
        return res.text.includes('REVISION=two') ? res : undefined;
      });
      checkStatus(invoked.status, 200, 'invoke after update', invoked.text);
    },
  },
  {
    id: 'status-unknown-404',
    title: 'GET /system/function/<unknown> answers 404',
    async run(ctx) {
      const answer = await ctx.status(ctx.name('missing'));
      checkStatus(answer.status, 404, 'GET /system/function/<unknown>', answer.text);
    },
  },
  {
    id: 'update-unknown-404',
    title: 'PUT of an unknown function answers 404 (faas-cli then POSTs) and deploys nothing',
    async run(ctx) {
      const name = ctx.name('ghost');
      ctx.cleanup(() => ctx.removeQuietly(name));
      const answer = await ctx.client.request('PUT', '/system/functions', {
        body: ctx.deployment(ctx.settings.functions.env, name),
      });
      checkStatus(answer.status, 404, 'PUT /system/functions for an unknown function', answer.text);
      check(
        !(await ctx.list()).some((f) => f.name === name),
        `${name} appeared after a PUT that answered 404`,
      );
    },
  },
];
