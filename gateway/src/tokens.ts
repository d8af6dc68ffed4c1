// Injection tokens for the values and interfaces the composition root binds (classes are their
// own tokens). Each interface has a same-named token.

/** The gateway's GatewayConfig. */
export const GatewayConfig = Symbol.for('faas.gateway.GatewayConfig');
/** The process Logger. */
export const Logger = Symbol.for('faas.gateway.Logger');
/** The basic-auth Credentials, or null when auth is off. */
export const Credentials = Symbol.for('faas.gateway.Credentials');
/** The FunctionAvailability hook of the invocation path. */
export const FunctionAvailability = Symbol.for('faas.gateway.FunctionAvailability');
/** The InvocationObserver (metrics, and later scaling and idle tracking). */
export const InvocationObserver = Symbol.for('faas.gateway.InvocationObserver');
/** The source of InvocationCounts for `GET /system/functions`. */
export const InvocationCounts = Symbol.for('faas.gateway.InvocationCounts');
/** The gateway's own version, for `/system/info`. */
export const VersionInfo = Symbol.for('faas.gateway.VersionInfo');
