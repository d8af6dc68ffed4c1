import type { Request, Response } from 'express';
import type { ServerResponse } from 'node:http';
import { FaasError, parseJsonBody, resolveNamespace } from '@faas/contracts';
import type { ProviderRoles } from '../roles.js';
import type { ResolvedOptions } from '../options.js';
import { readBody } from '@faas/service-kit';

/** A handler of one system route. */
export type RouteHandler = (req: Request, res: Response) => Promise<void>;

/** What every handler needs: the provider's roles and the app's options. */
export interface HandlerContext {
  /** The provider's roles. */
  roles: ProviderRoles;
  /** The app's options, defaults applied. */
  options: ResolvedOptions;
}

/** Reads and parses the JSON body; malformed is 400, too large 413. */
export async function jsonBody(req: Request, ctx: HandlerContext): Promise<unknown> {
  return parseJsonBody((await readBody(req, ctx.options.maxBodyBytes)).toString('utf8'));
}

/** One query parameter as a string (the first when repeated), or undefined. */
export function queryValue(req: Request, key: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[key];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : undefined;
}

/** One path parameter. */
export function pathParam(req: Request, key: string): string {
  return String((req.params as Record<string, string>)[key] ?? '');
}

/**
 * The namespace a request means (query wins over body, else the provider's default); a namespace
 * the provider does not manage is 400.
 */
export async function namespaceOf(
  ctx: HandlerContext,
  fromQuery: string | undefined,
  fromBody?: string,
): Promise<string> {
  const namespace = resolveNamespace(fromQuery, fromBody, ctx.roles.defaultNamespace);
  const known = await ctx.roles.namespaces.list();
  if (!known.includes(namespace)) {
    throw new FaasError(
      'INVALID_REQUEST',
      `namespace "${namespace}" is not managed by this provider; use one of: ${known.join(', ')}`,
    );
  }
  return namespace;
}

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Sends an empty answer with a status (202 for accepted changes). */
export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}
