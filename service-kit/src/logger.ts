import { pino } from 'pino';

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** The one logging interface of every faas process. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `bindings` to every line. */
  child(bindings: LogFields): Logger;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** The component name on every line (`gateway`, `provider-local`). */
  name: string;
  /** `debug`, `info`, `warn` or `error`; default `info`. */
  level?: string;
  /** Human-readable lines instead of JSON; default: when stdout is a TTY. */
  pretty?: boolean;
  /** Where lines go; default stdout. */
  write?: (line: string) => void;
}

const LEVEL_NAMES: Record<number, string> = { 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR' };

/** Turns one pino JSON line into `12:00:01 INFO  gateway: message key=value`. */
function prettyLine(json: string): string {
  const {
    level,
    time,
    name,
    msg,
    pid: _pid,
    hostname: _host,
    ...rest
  } = JSON.parse(json) as Record<string, unknown>;
  const clock = new Date(time as number).toISOString().slice(11, 19);
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${clock} ${(LEVEL_NAMES[level as number] ?? String(level)).padEnd(5)} ${String(name)}: ${String(msg)}${fields ? ` ${fields}` : ''}\n`;
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

/** JSON lines in production, readable lines on a terminal; pino underneath. */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const stream = { write: pretty ? (line: string) => write(prettyLine(line)) : write };
  return wrap(pino({ name: options.name, level: options.level ?? 'info', base: undefined }, stream));
}

/** One recorded log call, as {@link MemoryLogger} keeps it. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  fields: LogFields;
}

/** A logger for tests: keeps every line in memory so a test can assert what was (not) logged. */
export class MemoryLogger implements Logger {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly bindings: LogFields = {},
  ) {}
  debug(msg: string, fields?: LogFields): void {
    this.entries.push({ level: 'debug', msg, fields: { ...this.bindings, ...fields } });
  }
  info(msg: string, fields?: LogFields): void {
    this.entries.push({ level: 'info', msg, fields: { ...this.bindings, ...fields } });
  }
  warn(msg: string, fields?: LogFields): void {
    this.entries.push({ level: 'warn', msg, fields: { ...this.bindings, ...fields } });
  }
  error(msg: string, fields?: LogFields): void {
    this.entries.push({ level: 'error', msg, fields: { ...this.bindings, ...fields } });
  }
  child(bindings: LogFields): Logger {
    return new MemoryLogger(this.entries, { ...this.bindings, ...bindings });
  }
  /** Every line as text (message plus JSON fields), for "never logged" assertions. */
  text(): string {
    return this.entries.map((e) => `${e.level} ${e.msg} ${JSON.stringify(e.fields)}`).join('\n');
  }
}
