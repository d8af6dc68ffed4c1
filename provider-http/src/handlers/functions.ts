import {
  FaasError,
  parseDeleteFunctionRequest,
  parseFunctionDeployment,
  parseScaleServiceRequest,
} from '@faas/contracts';
import type { FunctionDeployment } from '@faas/contracts';
import type { HandlerContext, RouteHandler } from './context.js';
import { jsonBody, namespaceOf, pathParam, queryValue, sendEmpty, sendJson } from './context.js';

/** Refuses (400) a deployment that names secrets the namespace does not have, before anything is deployed. */
async function checkSecrets(
  ctx: HandlerContext,
  deployment: FunctionDeployment,
  namespace: string,
): Promise<void> {
  if (!deployment.secrets?.length) return;
  const known = new Set((await ctx.roles.secrets.list(namespace)).map((s) => s.name));
  const missing = deployment.secrets.filter((name) => !known.has(name));
  if (missing.length > 0) {
    throw new FaasError(
      'INVALID_REQUEST',
      `unknown secret${missing.length > 1 ? 's' : ''} in namespace ${namespace}: ${missing.join(', ')}; create ${missing.length > 1 ? 'them' : 'it'} first`,
    );
  }
}

function notFound(name: string, namespace: string): FaasError {
  return new FaasError('FUNCTION_NOT_FOUND', `No such function: ${name} in namespace ${namespace}.`);
}

/** Handlers of `/system/functions`, `/system/function/{name}` and `/system/scale-function/{name}`. */
export function functionHandlers(ctx: HandlerContext): Record<string, RouteHandler> {
  const { roles } = ctx;
  const deployOrUpdate =
    (action: 'deploy' | 'update'): RouteHandler =>
    async (req, res) => {
      const deployment = parseFunctionDeployment(await jsonBody(req, ctx));
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'), deployment.namespace);
      await checkSecrets(ctx, deployment, namespace);
      await roles.deployer[action]({ ...deployment, namespace }, namespace);
      sendEmpty(res, 202);
    };
  return {
    listFunctions: async (req, res) => {
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'));
      sendJson(res, 200, await roles.reader.list(namespace));
    },
    deployFunction: deployOrUpdate('deploy'),
    updateFunction: deployOrUpdate('update'),
    deleteFunction: async (req, res) => {
      const request = parseDeleteFunctionRequest(await jsonBody(req, ctx));
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'), request.namespace);
      await roles.deployer.remove(request.functionName, namespace);
      sendEmpty(res, 202);
    },
    getFunction: async (req, res) => {
      const name = pathParam(req, 'name');
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'));
      const usage = ['1', 'true'].includes(queryValue(req, 'usage') ?? '');
      const status = await roles.reader.get(name, namespace, { usage });
      if (!status) throw notFound(name, namespace);
      sendJson(res, 200, status);
    },
    scaleFunction: async (req, res) => {
      const request = parseScaleServiceRequest(await jsonBody(req, ctx));
      const name = pathParam(req, 'name');
      const namespace = await namespaceOf(ctx, queryValue(req, 'namespace'), request.namespace);
      await roles.scaler.scale(name, namespace, request.replicas);
      sendEmpty(res, 202);
    },
  };
}
