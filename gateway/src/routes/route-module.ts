import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from 'express';

/**
 * One concern's routes. A module may take requests before Express (the invocation fast path)
 * and/or register Express routes. Other packages add modules (alert, async, UI) to the app's list.
 */
export interface RouteModule {
  /** Names the concern in logs and docs. */
  readonly name: string;
  /** Fast path ahead of Express: handles the request and returns true, or returns false. */
  intercept?(req: IncomingMessage, res: ServerResponse): boolean;
  /** Registers Express routes; auth is already in front of `/system/*` and `/ui/`. */
  register?(router: Router): void;
}

/** The injection token of the app's extra route modules (scaling, async, UI). */
export const ExtraRouteModules = Symbol.for('faas.gateway.ExtraRouteModules');
