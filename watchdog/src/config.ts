import { ConfigError, loadConfig as loadTable, parse } from '@faas/service-kit';
import type { ConfigOf, ConfigTable, Setting } from '@faas/service-kit';

/** How the watchdog runs the function (watchdog/README.md, Configuration). */
export type WatchdogMode = 'classic' | 'streaming' | 'http' | 'static';

const MODES = ['classic', 'streaming', 'http', 'static', 'serializing'] as const;

function setting<T>(s: Setting<T>): Setting<T> {
  return s;
}

/** Parses a port; `min` 0 lets `metrics_port=0` mean "disabled". */
function port(min: number): (raw: string) => number {
  return parse.integer(min, 65535);
}

/**
 * Every environment variable the watchdog reads, with OpenFaaS names. The README's table is
 * generated from it with `describeConfig(watchdogSettings)`.
 */
export const watchdogSettings = {
  fprocess: setting<string>({
    env: 'fprocess',
    description:
      'Command to run, split on spaces, no shell (`cat`, `python3 index.py`). Required except in static mode.',
    parse: parse.string,
    default: '',
    defaultText: 'required',
  }),
  mode: setting<WatchdogMode>({
    env: 'mode',
    description:
      '`classic` (fork per request, buffered), `streaming` (fork per request, stdout streamed), `http` (start `fprocess` once, proxy to `upstream_url`), `static` (serve `static_path`). `serializing` is accepted as `classic`.',
    parse: (raw) => {
      const mode = parse.oneOf(MODES)(raw);
      return mode === 'serializing' ? 'classic' : mode;
    },
    default: 'classic',
  }),
  upstreamUrl: setting<string>({
    env: 'upstream_url',
    description: 'http mode: where the function process listens, e.g. `http://127.0.0.1:3000`.',
    parse: parse.url,
    default: '',
    defaultText: '',
  }),
  port: setting<number>({
    env: 'port',
    description: 'Port of the function endpoint.',
    parse: port(1),
    default: 8080,
  }),
  bindAddress: setting<string>({
    env: 'bind_address',
    description:
      'Address both listeners bind to; empty = every interface (containers). The local provider sets `127.0.0.1`.',
    parse: parse.string,
    default: '',
    defaultText: '',
  }),
  metricsPort: setting<number>({
    env: 'metrics_port',
    description:
      'Port of `GET /metrics` (Prometheus); `0` disables the metrics listener, so many watchdogs can share a host.',
    parse: port(0),
    default: 8081,
  }),
  readTimeout: setting<number>({
    env: 'read_timeout',
    description:
      'Longest time to receive a whole request. `10` means seconds; `10s`, `1m30s`, `500ms` also work.',
    parse: parse.duration,
    default: 10_000,
    defaultText: '10s',
  }),
  writeTimeout: setting<number>({
    env: 'write_timeout',
    description: 'Longest time to answer a request; also the drain deadline after SIGTERM.',
    parse: parse.duration,
    default: 10_000,
    defaultText: '10s',
  }),
  execTimeout: setting<number | undefined>({
    env: 'exec_timeout',
    description:
      'Kill the function process and its whole process group after this (408 classic/streaming, 504 http). `0` = no limit.',
    parse: parse.duration,
    default: undefined,
    defaultText: '0 (http mode: 30s)',
  }),
  websocketIdleTimeout: setting<number>({
    env: 'websocket_idle_timeout',
    description:
      'http mode: close an upgraded (WebSocket) connection after this long without a byte either way. `0` = never.',
    parse: parse.duration,
    default: 60_000,
    defaultText: '60s',
  }),
  websocketMaxDuration: setting<number>({
    env: 'websocket_max_duration',
    description: 'http mode: close an upgraded (WebSocket) connection after this long in all. `0` = never.',
    parse: parse.duration,
    default: 3_600_000,
    defaultText: '1h',
  }),
  healthcheckInterval: setting<number | undefined>({
    env: 'healthcheck_interval',
    description:
      'After SIGTERM: how long to keep serving while reporting unready, before closing the listener.',
    parse: parse.duration,
    default: undefined,
    defaultText: 'write_timeout',
  }),
  writeDebug: setting<boolean>({
    env: 'write_debug',
    description: "Log the function's output.",
    parse: parse.boolean,
    default: false,
  }),
  prefixLogs: setting<boolean>({
    env: 'prefix_logs',
    description:
      "`false`: the function's log lines are written exactly as it wrote them; `true`: as of-watchdog's default, `2026/12/07 15:04:05 stderr: <line>`.",
    parse: parse.boolean,
    default: false,
  }),
  combineOutput: setting<boolean>({
    env: 'combine_output',
    description:
      'classic: stderr goes into the response too; `false` logs stderr instead. streaming: stderr is always logged.',
    parse: parse.boolean,
    default: true,
  }),
  contentType: setting<string>({
    env: 'content_type',
    description: "Force the response Content-Type; otherwise the request's Content-Type is echoed.",
    parse: parse.string,
    default: '',
  }),
  cgiHeaders: setting<boolean>({
    env: 'cgi_headers',
    description: 'Pass request data to the process as `Http_*` environment variables.',
    parse: parse.boolean,
    default: true,
  }),
  marshalRequest: setting<boolean>({
    env: 'marshal_request',
    description: 'classic: stdin gets `{"header":{…},"body":{"raw":"<base64>"}}` instead of the raw body.',
    parse: parse.boolean,
    default: false,
  }),
  suppressLock: setting<boolean>({
    env: 'suppress_lock',
    description: 'Do not write the lock file.',
    parse: parse.boolean,
    default: false,
  }),
  lockFilePath: setting<string>({
    env: 'lock_file_path',
    description:
      'The lock file written once the watchdog is ready (one per watchdog when several share a host).',
    parse: parse.string,
    default: '/tmp/.lock',
  }),
  maxInflight: setting<number>({
    env: 'max_inflight',
    description:
      'Concurrent requests beyond this get 429 with `X-OpenFaaS-Internal: watchdog`; an open WebSocket counts as one until it closes. `0` = unlimited.',
    parse: parse.integer(0),
    default: 0,
  }),
  maxBodySize: setting<number>({
    env: 'max_body_size',
    description: 'Request bodies larger than this get 413 (`10MB`, `64Mi` or bytes).',
    parse: parse.byteSize,
    default: 32 * 1024 * 1024,
    defaultText: '32Mi',
  }),
  forkServer: setting<boolean>({
    env: 'fork_server',
    description:
      "classic/streaming: start processes through the `fwatchdog-spawn` fork server installed beside the watchdog (see README); `false` or a missing binary: Node's child_process.",
    parse: parse.boolean,
    default: true,
  }),
  staticPath: setting<string>({
    env: 'static_path',
    description: 'static mode: the directory to serve.',
    parse: parse.string,
    default: '/home/app/public',
  }),
} satisfies ConfigTable;

/** The watchdog's frozen configuration; durations in milliseconds. */
export interface WatchdogConfig {
  readonly fprocess: string;
  readonly mode: WatchdogMode;
  readonly upstreamUrl: string;
  readonly port: number;
  /** '' = every interface. */
  readonly bindAddress: string;
  readonly metricsPort: number;
  readonly readTimeout: number;
  readonly writeTimeout: number;
  /** Resolved: 0 = none (the http-mode default of 30s already applied). */
  readonly execTimeout: number;
  /** Upgraded connections: idle limit, 0 = none. */
  readonly websocketIdleTimeout: number;
  /** Upgraded connections: lifetime limit, 0 = none. */
  readonly websocketMaxDuration: number;
  /** Resolved: defaults to writeTimeout. */
  readonly healthcheckInterval: number;
  readonly writeDebug: boolean;
  readonly prefixLogs: boolean;
  readonly combineOutput: boolean;
  readonly contentType: string;
  readonly cgiHeaders: boolean;
  readonly marshalRequest: boolean;
  readonly suppressLock: boolean;
  readonly lockFilePath: string;
  readonly maxInflight: number;
  readonly maxBodySize: number;
  readonly forkServer: boolean;
  readonly staticPath: string;
}

const HTTP_MODE_EXEC_TIMEOUT_MS = 30_000;

/**
 * Reads the watchdog's configuration from an environment map. Every bad or missing value is
 * reported in one ConfigError (each line names the variable and the fix); the result is frozen.
 */
export function loadConfig(env: Record<string, string | undefined>): WatchdogConfig {
  let problems: string[] = [];
  let raw: ConfigOf<typeof watchdogSettings> | undefined;
  try {
    raw = loadTable(watchdogSettings, env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems = [...err.problems];
  }
  const mode = raw?.mode ?? safeMode(env.mode);
  if (mode !== 'static' && (env.fprocess ?? '').trim() === '') {
    const where = mode === undefined ? 'except in static mode' : `in ${mode} mode`;
    problems.push(`fprocess: required ${where}, set it to the command to run, e.g. fprocess=cat`);
  }
  if (mode === 'http' && (env.upstream_url ?? '').trim() === '') {
    problems.push('upstream_url: required in http mode, e.g. upstream_url=http://127.0.0.1:3000');
  }
  if (problems.length > 0 || raw === undefined) throw new ConfigError(problems);
  return Object.freeze({
    ...raw,
    execTimeout: raw.execTimeout ?? (raw.mode === 'http' ? HTTP_MODE_EXEC_TIMEOUT_MS : 0),
    healthcheckInterval: raw.healthcheckInterval ?? raw.writeTimeout,
  });
}

function safeMode(raw: string | undefined): WatchdogMode | undefined {
  try {
    return raw === undefined || raw.trim() === ''
      ? 'classic'
      : (watchdogSettings.mode.parse(raw) as WatchdogMode);
  } catch {
    return undefined;
  }
}

/** Splits `fprocess` the way the classic watchdog does: on whitespace, no shell. */
export function splitCommand(fprocess: string): { command: string; args: string[] } {
  const [command = '', ...args] = fprocess.trim().split(/\s+/);
  return { command, args };
}
