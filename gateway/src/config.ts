// The gateway's configuration: one table, OpenFaaS variable names where the concept is shared.
// The README's configuration table is generated from it (a test keeps the two in step).
import { isIP } from 'node:net';
import { loadConfig, parse } from '@faas/service-kit';
import type { ConfigOf, ConfigTable } from '@faas/service-kit';
import { DEFAULT_FUNCTION_NAMESPACE, isValidFunctionName } from '@faas/contracts';
import { queueSettings } from '@faas/queue';
import { scalingConfigTable, scalingSettings } from './scaling/scaling-config.js';

function optionalHost(raw: string): string {
  const host = raw.trim();
  if (!/^[-a-zA-Z0-9.:[\]]+$/.test(host)) throw new Error(`"${raw}" is not a host name, use e.g. prometheus`);
  return host;
}

function bindAddress(raw: string): string {
  const address = raw.trim().replace(/^\[|\]$/g, '');
  if (address === '' || isIP(address) || address === 'localhost') return address;
  throw new Error(`"${raw}" is not an IP address to listen on, use 127.0.0.1, 0.0.0.0 or ::`);
}

function namespace(raw: string): string {
  const ns = raw.trim();
  if (!isValidFunctionName(ns)) throw new Error(`"${raw}" is not a DNS-1123 label, use e.g. openfaas-fn`);
  return ns;
}

/** Every setting of the gateway process. */
export const gatewayConfigTable = {
  port: {
    env: 'port',
    description: 'Port the gateway listens on (API, invocations and `/metrics`).',
    parse: parse.integer(0, 65535),
    default: 8080,
  },
  bindAddress: {
    env: 'bind_address',
    description:
      'Address the gateway listens on. Empty (the default, for containers): every interface, IPv4 and IPv6; `127.0.0.1`: this machine only (`npm start` defaults to it); `0.0.0.0`: every IPv4 interface.',
    parse: bindAddress,
    default: '',
  },
  providerUrl: {
    env: 'functions_provider_url',
    description: 'Base URL of the provider; system calls and fallback invocations go there.',
    parse: parse.url,
    default: 'http://127.0.0.1:8081',
  },
  readTimeoutMs: {
    env: 'read_timeout',
    description:
      'Time allowed to receive a whole request, headers and body (`10s`, `1m30s`, or seconds); a body still arriving then is 408.',
    parse: parse.duration,
    default: 60_000,
    defaultText: '60s',
  },
  writeTimeoutMs: {
    env: 'write_timeout',
    description:
      'Time allowed for a response to finish once the function has answered (its body streamed to the client); a longer one is cut. Raise it for long streams.',
    parse: parse.duration,
    default: 60_000,
    defaultText: '60s',
  },
  upstreamTimeoutMs: {
    env: 'upstream_timeout',
    description:
      'Time allowed for a function (or the provider) to answer with its status and headers, from when it has the whole request body; then 504.',
    parse: parse.duration,
    default: 55_000,
    defaultText: '55s',
  },
  websocketIdleMs: {
    env: 'websocket_idle_timeout',
    description:
      "Close an upgraded (WebSocket) connection on `/function/{name}` after this long without a byte either way; `0` = never. An outer bound: each function's watchdog has its own (60s by default).",
    parse: parse.duration,
    default: 900_000,
    defaultText: '15m',
  },
  websocketMaxMs: {
    env: 'websocket_max_duration',
    description:
      "Close an upgraded (WebSocket) connection after this long in all; `0` = never. An outer bound: each function's watchdog has its own (1h by default).",
    parse: parse.duration,
    default: 86_400_000,
    defaultText: '24h',
  },
  directInvocation: {
    env: 'direct_invocation',
    description:
      "Proxy invocations straight to a function's ready replicas (learned from the provider's `GET /system/endpoints/{name}`); `false`: always through the provider's `/function/` proxy, e.g. when replica addresses are not routable from the gateway.",
    parse: parse.boolean,
    default: true,
  },
  basicAuth: {
    env: 'basic_auth',
    description:
      'Require basic auth on `/system/*` and `/ui/`; credentials come from `secret_mount_path` and are sent on to the provider.',
    parse: parse.boolean,
    default: true,
  },
  secretMountPath: {
    env: 'secret_mount_path',
    description: 'Directory holding the files `basic-auth-user` and `basic-auth-password`.',
    parse: parse.string,
    default: '/var/openfaas/secrets',
  },
  prometheusHost: {
    env: 'faas_prometheus_host',
    description:
      'Prometheus host for `invocationCount` in `GET /system/functions`; unset: the gateway counts itself.',
    parse: optionalHost,
    default: '',
  },
  prometheusPort: {
    env: 'faas_prometheus_port',
    description: 'Prometheus port, used with `faas_prometheus_host`.',
    parse: parse.integer(1, 65535),
    default: 9090,
  },
  functionNamespace: {
    env: 'function_namespace',
    description:
      'Namespace of a function invoked without `.namespace`; also the `function_name` suffix in metrics.',
    parse: namespace,
    default: DEFAULT_FUNCTION_NAMESPACE,
  },
  maxBodyBytes: {
    env: 'max_body_size',
    description:
      'Largest request body accepted for an invocation (`10MB`, `64Mi`, bytes); larger is 413. `0` means no limit.',
    parse: parse.byteSize,
    default: 128 * 1024 ** 2,
    defaultText: '128Mi',
  },
  maxAsyncBodyBytes: {
    env: 'max_async_body_size',
    description:
      "Largest body `POST /async-function/…` accepts; larger is 413. A queued call is held whole and stored base64 (a third bigger): 512Ki fits NATS's default 1 MiB `max_payload` with headers — raise both together. `0` means no limit.",
    parse: parse.byteSize,
    default: 512 * 1024,
    defaultText: '512Ki',
  },
  shutdownDeadlineMs: {
    env: 'shutdown_timeout',
    description:
      'On SIGTERM: how long in-flight requests may take to finish before their sockets are closed.',
    parse: parse.duration,
    default: 30_000,
    defaultText: '30s',
  },
  serviceCountIntervalMs: {
    env: 'service_count_interval',
    description: 'How often `gateway_service_count` is refreshed from the provider.',
    parse: parse.duration,
    default: 5_000,
    defaultText: '5s',
  },
  ...scalingConfigTable,
  ...queueSettings,
  logLevel: {
    env: 'log_level',
    description: 'Least severe log level written: `debug` adds one line per invocation.',
    parse: parse.oneOf(['debug', 'info', 'warn', 'error'] as const),
    default: 'info',
  },
} satisfies ConfigTable;

/** The gateway's parsed, frozen configuration. */
export type GatewayConfig = ConfigOf<typeof gatewayConfigTable>;

/** Reads and validates the gateway's configuration; every bad value is reported in one ConfigError. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const config = loadConfig(gatewayConfigTable, env);
  scalingSettings(config); // the scaling windows must nest: a ConfigError now, not at the first tick
  return config;
}
