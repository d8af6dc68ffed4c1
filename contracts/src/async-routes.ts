// The gateway's asynchronous-invocation routes, served by @faas/queue/http: the queueing
// route and the dead-letter routes under `/system/async/`. Part of `gatewayRoutes`; no provider
// serves them.
import type { RouteSpec } from './route-spec.js';

/**
 * Errors of `POST /async-function/…`: 400 bad `X-Callback-Url`; 404 unknown function; 405 any
 * other method on the path; 413 body too large; 500 the function names an invalid queue; 502/504
 * the provider could not be asked whether the function exists; 503 the queue (or the provider's
 * answer) is unavailable.
 */
const ASYNC_ERRORS = [400, 404, 405, 413, 500, 502, 503, 504];

/** `POST /async-function/{name}[/{path}]`. */
const invokeAsyncRoutes: RouteSpec[] = [
  {
    id: 'invokeAsync',
    method: 'POST',
    path: '/async-function/{name}',
    auth: false,
    summary: 'Queue an invocation; 202 with X-Call-Id once the queue holds it.',
    success: [202],
    errors: ASYNC_ERRORS,
  },
  {
    id: 'invokeAsyncWithPath',
    method: 'POST',
    path: '/async-function/{name}/{path}',
    auth: false,
    summary: 'Queue an invocation with a path remainder.',
    success: [202],
    errors: ASYNC_ERRORS,
  },
];

/** Base path of the dead-letter routes. */
const DEAD_LETTERS = '/system/async/dead-letters';

/** Messages that ran out of attempts: list, read, re-drive, discard. A store that fails is 503. */
const deadLetterRoutes: RouteSpec[] = [
  {
    id: 'listDeadLetters',
    method: 'GET',
    path: DEAD_LETTERS,
    auth: true,
    summary: 'Dead letters, oldest first; `limit` from 1 to 1000 (default 100).',
    success: [200],
    errors: [400, 503],
    query: ['limit'],
    response: 'DeadLetter[]',
  },
  {
    id: 'redriveDeadLetters',
    method: 'POST',
    path: `${DEAD_LETTERS}/redrive`,
    auth: true,
    summary: 'Put the oldest `limit` dead letters (default 100) back on their queues.',
    success: [202],
    errors: [400, 503],
    query: ['limit'],
    response: 'RedriveAllResult',
  },
  {
    id: 'getDeadLetter',
    method: 'GET',
    path: `${DEAD_LETTERS}/{id}`,
    auth: true,
    summary: 'One dead letter.',
    success: [200],
    errors: [404, 503],
    response: 'DeadLetter',
  },
  {
    id: 'redriveDeadLetter',
    method: 'POST',
    path: `${DEAD_LETTERS}/{id}/redrive`,
    auth: true,
    summary: 'Put one dead letter back on its queue with fresh attempts.',
    success: [202],
    errors: [404, 503],
    response: 'RedriveResult',
  },
  {
    id: 'deleteDeadLetter',
    method: 'DELETE',
    path: `${DEAD_LETTERS}/{id}`,
    auth: true,
    summary: 'Discard one dead letter without running it.',
    success: [202],
    errors: [404, 503],
  },
];

/** Every route of asynchronous invocation the gateway serves. */
export const asyncRoutes: readonly RouteSpec[] = [...invokeAsyncRoutes, ...deadLetterRoutes];
