import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response, Router } from 'express';

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
export const ExtraRouteModules = Symbol('ExtraRouteModules');
export type ExtraRouteModules = RouteModule[];

/** Answers one route of `gatewayRoutes`; a thrown or rejected error goes to the error middleware. */
export type RouteHandler = (req: Request, res: Response) => Promise<void> | void;

/** Handlers by route id (`gatewayRoutes[].id`); createApp registers each at its route's method and path. */
export type RouteHandlers = Partial<Record<string, RouteHandler>>;
