import { once } from 'node:events';
import { FaasError, parseLogQuery } from '@faas/contracts';
import type { HandlerContext, RouteHandler } from './context.js';
import { namespaceOf } from './context.js';

/**
 * `GET /system/logs`: NDJSON, one object per line, each line written (and so flushed) on its own;
 * headers go out at once so a follower sees 200 before the first line. The stream ends when the
 * reader ends or, with `follow`, when the client goes away.
 */
export function logsHandler(ctx: HandlerContext): RouteHandler {
  return async (req, res) => {
    const reader = ctx.roles.logs;
    if (!reader) throw new FaasError('NOT_IMPLEMENTED', 'This provider does not serve function logs.');
    const query = parseLogQuery(req.query as Record<string, string | undefined>);
    const namespace = await namespaceOf(ctx, query.namespace);
    if (!(await ctx.roles.reader.get(query.name, namespace))) {
      throw new FaasError('FUNCTION_NOT_FOUND', `No such function: ${query.name} in namespace ${namespace}.`);
    }
    const aborter = new AbortController();
    res.once('close', () => aborter.abort());
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
    res.flushHeaders();
    for await (const message of reader.read({ ...query, namespace }, aborter.signal)) {
      if (aborter.signal.aborted) break;
      if (!res.write(`${JSON.stringify(message)}\n`)) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    }
    res.end();
  };
}
