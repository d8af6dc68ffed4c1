// Injection tokens: each is a Symbol with the same name as the type it stands for (the Theia
// convention, as provider-kubernetes has them), so `@inject(tokens.Logger) logger: Logger` reads
// naturally. Classes are their own tokens; scaling's and the route modules' tokens sit beside
// their interfaces (scaling/create-scaling.ts, routes/route-module.ts).
import type * as contracts from '@faas/contracts';
import type * as kit from '@faas/service-kit';
import type * as auth from './auth/credentials.js';
import type * as config from './config.js';
import type * as hooks from './invoke/hooks.js';
import type * as counts from './metrics/invocation-counts.js';

/** The gateway's parsed configuration. */
export const GatewayConfig = Symbol('GatewayConfig');
export type GatewayConfig = config.GatewayConfig;
/** The process logger. */
export const Logger = Symbol('Logger');
export type Logger = kit.Logger;
/** The basic-auth credentials, or null when auth is off. */
export const Credentials = Symbol('Credentials');
export type Credentials = auth.Credentials | null;
/** The invocation path's hook that waits for a function to be available (scale from zero). */
export const FunctionAvailability = Symbol('FunctionAvailability');
export type FunctionAvailability = hooks.FunctionAvailability;
/** What watches invocations (metrics, scaling's activity tracking, plug-ins). */
export const InvocationObserver = Symbol('InvocationObserver');
export type InvocationObserver = hooks.InvocationObserver;
/** The source of invocation counts for `GET /system/functions`. */
export const InvocationCounts = Symbol('InvocationCounts');
export type InvocationCounts = counts.InvocationCounts;
/** The gateway's own version, for `/system/info`. */
export const VersionInfo = Symbol('VersionInfo');
export type VersionInfo = contracts.VersionInfo;
