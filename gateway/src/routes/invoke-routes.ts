// Function invocation: `/function/{name}[/{rest}]`, `POST /` with `X-Function`, `POST /` with an
// Alexa body (the original design's three ways in), on the fast path ahead of Express.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaasError } from '@faas/contracts';
import { readBody, sendError } from '@faas/service-kit';
import type { Logger } from '@faas/service-kit';
import { inject, injectable } from 'inversify';
import * as tokens from '../tokens.js';
import type { GatewayConfig } from '../config.js';
import { GATEWAY_COMPONENT } from '../errors.js';
import { Invoker } from '../invoke/invoker.js';
import { alexaIntent, functionRef, splitInvokePath } from '../invoke/function-name.js';
import type { RouteModule } from './route-module.js';

const PREFIX = '/function/';

/** The invocation routes, on the fast path ahead of Express. */
@injectable()
export class InvokeRoutes implements RouteModule {
  readonly name = 'invoke';

  constructor(
    @inject(Invoker) private readonly invoker: Invoker,
    @inject(tokens.GatewayConfig) private readonly config: GatewayConfig,
    @inject(tokens.Logger) private readonly logger: Logger,
  ) {}

  intercept(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    if (url.startsWith(PREFIX)) {
      const { name, path } = splitInvokePath(url, PREFIX);
      void this.invoke(req, res, name, path);
      return true;
    }
    if (req.method === 'POST' && (url === '/' || url.startsWith('/?'))) {
      void this.invokeByBody(req, res, url.slice(1));
      return true;
    }
    return false;
  }

  private async invoke(req: IncomingMessage, res: ServerResponse, name: string, path: string, body?: Buffer) {
    const fn = functionRef(name, this.config.functionNamespace);
    if (!fn) {
      this.fail(req, res, new FaasError('FUNCTION_NOT_FOUND', `Function not found: ${name || '(no name)'}.`));
      return;
    }
    await this.invoker.invoke(req, res, fn, path, body).catch((err: unknown) => this.fail(req, res, err));
  }

  /** `POST /`: the `X-Function` header names the function, else an Alexa body's intent does. */
  private async invokeByBody(req: IncomingMessage, res: ServerResponse, query: string): Promise<void> {
    const path = `/${query}`;
    const header = req.headers['x-function'];
    if (typeof header === 'string' && header !== '') return this.invoke(req, res, header, path);
    try {
      const body = await readBody(req, this.config.maxBodyBytes);
      const intent = alexaIntent(body);
      if (!intent)
        throw new FaasError(
          'INVALID_REQUEST',
          'No X-Function header and no Alexa intent (request.intent.name) in the body.',
        );
      await this.invoke(req, res, intent, path, body);
    } catch (err) {
      this.fail(req, res, err);
    }
  }

  private fail(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    sendError(res, err, { logger: this.logger, component: GATEWAY_COMPONENT, route: req.url ?? '' });
  }
}
