import type { LogFields, Logger } from '@faas/service-kit';

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50 } as const;
type Level = keyof typeof LEVELS;

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

let stampSecond = -1;
let stampText = '';

/**
 * `2026/12/07 15:04:05 ` — the prefix Go's log package writes by default (local time, as Go's does),
 * computed once per second: every call logs two lines.
 */
export function logStamp(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    const d = new Date(now);
    stampText = `${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} `;
    stampSecond = second;
  }
  return stampText;
}

/** ` key=value` for each field; a value with spaces, quotes or `=` is JSON-quoted. */
function fieldText(fields: LogFields): string {
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    out += ` ${key}=${/[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text}`;
  }
  return out;
}

/**
 * The watchdog's logger. Its lines are what the function's log shows (`/system/logs`, `faas-cli
 * logs`), so they are written as the OpenFaaS watchdogs write theirs, with Go's log package:
 * `2026/12/07 15:04:05 Forking fprocess.` (fields, when given, follow as ` key=value`). The
 * platform's own daemons log JSON through service-kit; the watchdog does not load pino (about 6 MB
 * of resident memory per replica, watchdog/README.md).
 */
export class LineLogger implements Logger {
  private readonly threshold: number;

  constructor(
    private readonly write: (line: string) => void,
    private readonly bindings: LogFields = {},
    level: Level = 'info',
  ) {
    this.threshold = LEVELS[level];
  }

  debug(msg: string, fields?: LogFields): void {
    this.log('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.log('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.log('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.log('error', msg, fields);
  }
  child(bindings: LogFields): Logger {
    const level = (Object.keys(LEVELS) as Level[]).find((l) => LEVELS[l] === this.threshold);
    return new LineLogger(this.write, { ...this.bindings, ...bindings }, level);
  }

  private log(level: Level, msg: string, fields: LogFields | undefined): void {
    if (LEVELS[level] < this.threshold) return;
    const extra = fields === undefined ? this.bindings : { ...this.bindings, ...fields };
    this.write(`${logStamp()}${msg}${fieldText(extra)}\n`);
  }
}

/** One output stream of one function process, fed chunk by chunk. */
export interface OutputStream {
  write(chunk: Uint8Array): void;
  /** The stream ended: a last line without a newline is written too. */
  end(): void;
}

/** The longest line kept whole; a longer one is written in pieces of this size. */
const MAX_LINE = 64 * 1024;

/**
 * Where a function's own output goes — its stderr (classic with `combine_output=false`,
 * streaming), both its streams in http mode, its answers with `write_debug` — shared by both
 * runtimes. Each line is written exactly as the function wrote it (of-watchdog's
 * `prefix_logs=false`); with `prefix_logs=true` as of-watchdog's default writes it,
 * `2026/12/07 15:04:05 stderr: <line>`. Lines are cut at newlines so that a function's half line
 * never runs into a line of the watchdog's own or of another call.
 */
export class FunctionOutput {
  constructor(
    /** Receives one line, without its newline. */
    private readonly writeLine: (line: string) => void,
    private readonly prefix: boolean,
  ) {}

  /** A line splitter for one stream (`stdout`, `stderr`) of one process. */
  stream(name: 'stdout' | 'stderr'): OutputStream {
    const emit = this.prefix
      ? (line: string) => this.writeLine(`${logStamp()}${name}: ${line}`)
      : this.writeLine;
    let decoder: InstanceType<typeof TextDecoder> | undefined;
    let pending = '';
    return {
      write(chunk) {
        decoder ??= new TextDecoder();
        const text = pending + decoder.decode(chunk, { stream: true });
        let start = 0;
        for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
          const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
          emit(text.slice(start, end));
          start = newline + 1;
        }
        pending = start === 0 ? text : text.slice(start);
        while (pending.length > MAX_LINE) {
          emit(pending.slice(0, MAX_LINE));
          pending = pending.slice(MAX_LINE);
        }
      },
      end() {
        if (decoder !== undefined) pending += decoder.decode();
        if (pending !== '') emit(pending);
        pending = '';
      },
    };
  }
}

/**
 * A writer that gathers the lines logged during one turn of the event loop and writes them with
 * one call: two lines per request (`Forking fprocess.`, `Wrote …`) would otherwise be two write
 * syscalls each. Whatever is pending is written when the process exits.
 */
export function batchedWriter(write: (text: string) => void): (line: string) => void {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    write(text);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
