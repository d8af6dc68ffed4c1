import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Answer } from './core/answers.js';
import type { ModeDeps, ModeRunner } from './core/modes.js';
import type { Spawner } from './function-process.js';

/** A mode on Node: answers one call on node:http; resolves with the status sent (core/modes.ts). */
export type FunctionRunner = ModeRunner<[req: IncomingMessage, res: ServerResponse, signal: AbortSignal], number>;

/** What every Node runner is built from. */
export type RunnerDeps = ModeDeps<Spawner>;

/**
 * Sends one of the watchdog's own answers unless headers were already sent; returns the status.
 * A 413 closes the connection, because the rest of the body is unread.
 */
export function sendAnswer(res: ServerResponse, answer: Answer): number {
  if (answer.status === 413) res.shouldKeepAlive = false;
  if (res.headersSent) {
    res.destroy();
    return answer.status;
  }
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
  return answer.status;
}
