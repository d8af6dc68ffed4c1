import { parseDeleteSecretRequest, parseSecret } from '@faas/contracts';
import type { HandlerContext, RouteHandler } from './context.js';
import { jsonBody, namespaceOf, queryValue, sendEmpty, sendJson } from './context.js';

/** Handlers of `/system/secrets`. Values are write-only: no handler ever returns one. */
export function secretHandlers(ctx: HandlerContext): Record<string, RouteHandler> {
  const { secrets } = ctx.roles;
  return {
    listSecrets: async (req, res) => {
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'));
      sendJson(res, 200, await secrets.list(namespace));
    },
    createSecret: async (req, res) => {
      const secret = parseSecret(await jsonBody(req, ctx));
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'), secret.namespace);
      await secrets.create({ ...secret, namespace }, namespace);
      sendEmpty(res, 201);
    },
    updateSecret: async (req, res) => {
      const secret = parseSecret(await jsonBody(req, ctx));
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'), secret.namespace);
      await secrets.update({ ...secret, namespace }, namespace);
      sendEmpty(res, 202);
    },
    deleteSecret: async (req, res) => {
      const request = parseDeleteSecretRequest(await jsonBody(req, ctx));
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'), request.namespace);
      await secrets.remove(request.name, namespace);
      sendEmpty(res, 202);
    },
  };
}
