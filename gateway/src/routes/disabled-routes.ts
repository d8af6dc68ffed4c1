// Routes of optional features that this gateway runs without. They answer an honest 501 (with
// `X-OpenFaaS-Internal: gateway`) that says how to turn the feature on, instead of a 404.
import type { Router } from 'express';
import { FaasError } from '@faas/contracts';
import type { RouteModule } from './route-module.js';

/** A path pattern (Express 5 syntax), the methods, and why it is off. */
const DISABLED: { paths: string[]; message: string }[] = [
  {
    paths: ['/async-function/*path'],
    message:
      'Asynchronous invocation is off on this gateway: set queue_backend=nats (npm start has it built in).',
  },
];

/** The 501 answers; registered after every real module, so a configured feature always wins. */
export class DisabledRoutes implements RouteModule {
  readonly name = 'disabled';

  register(router: Router): void {
    for (const { paths, message } of DISABLED) {
      router.all(paths, () => {
        throw new FaasError('NOT_IMPLEMENTED', message);
      });
    }
  }
}
