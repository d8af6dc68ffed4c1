export { loadConfig, describeConfig, parse, ConfigError } from './config.js';
export type { Setting, ConfigTable, ConfigOf } from './config.js';
export { parseDuration, formatDuration } from './duration.js';
export { parseByteSize } from './size.js';
export { createLogger, MemoryLogger } from './logger.js';
export type { Logger, LogFields, LoggerOptions, LogEntry } from './logger.js';
export { closeGracefully } from './shutdown.js';
export { plainAddress } from './address.js';
export { freePort, freePorts } from './free-port.js';
export { flushHeadersSoon, relayBody, SMALL_BODY_BYTES } from './relay.js';
export {
  readCredentials,
  basicAuthorization,
  createBasicAuthCheck,
  CREDENTIAL_FILES,
  BASIC_AUTH_CHALLENGE,
} from './basic-auth.js';
export type { BasicAuthCredentials } from './basic-auth.js';
export { tunnelUpgrade, isUpgrade } from './upgrade-tunnel.js';
export type { TunnelLimits, TunnelTarget, TunnelEnd } from './upgrade-tunnel.js';
export { readBody, overLimit, bodyTooLarge } from './http/read-body.js';
export { sendError } from './http/error-response.js';
export type { ErrorContext } from './http/error-response.js';
export {
  HOP_BY_HOP,
  isHopByHop,
  hopByHopAnd,
  connectionTokens,
  endToEnd,
  endToEndMap,
} from './http/hop-by-hop.js';
export { runService, serve, listenHttp } from './run-service.js';
export type {
  RunServiceOptions,
  Service,
  RunningService,
  HttpServing,
  Listening,
  ProcessHooks,
  UpgradeListener,
} from './run-service.js';
export { removeFunctionSeries } from './function-series.js';
export type { MetricRegistry } from './function-series.js';
export { methodNotAllowed } from './method-not-allowed.js';
export type { MethodRoute } from './method-not-allowed.js';
