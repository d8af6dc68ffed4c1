import type { LogFields, Logger } from '@faas/service-kit';

const LEVELS = { debug: 20, info: 30, warn: 40, error: 50 } as const;
type Level = keyof typeof LEVELS;

/**
 * The watchdog's logger: the same JSON lines as the platform's pino logger
 * (`{"level":30,"time":…,"name":"watchdog","msg":"…"}`), written by hand. Every function replica
 * runs a watchdog, and loading pino costs about 6 MB of resident memory per process (measured, see
 * watchdog/README.md), so the watchdog does not use it.
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
    const n = LEVELS[level];
    if (n < this.threshold) return;
    const extra = { ...this.bindings, ...fields };
    const rest = Object.keys(extra).length === 0 ? '' : `,${JSON.stringify(extra).slice(1, -1)}`;
    this.write(`{"level":${n},"time":${Date.now()},"name":"watchdog","msg":${JSON.stringify(msg)}${rest}}\n`);
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
