import type { LogMessage } from '@faas/contracts';
import { formatGoTime } from './go-time-format.js';

/** `faas logs --output`: faas-cli's three formats. */
export type LogOutput = 'plain' | 'keyvalue' | 'json';

/** How `faas logs` prints each message (faas-cli's flags). */
export interface LogFormat {
  /** `--output`. */
  output: LogOutput;
  /** `--time-format`: a Go layout; empty prints no timestamp. */
  timeFormat: string;
  /** `--name`: print the function's name. */
  name: boolean;
  /** `--instance`: print the replica. */
  instance: boolean;
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const HIDDEN = new Set(['level', 'time', 'name', 'msg', 'pid', 'hostname', 'v']);

/**
 * A log text as a person reads it. Processes that log JSON lines the way ours do (pino:
 * `{"level":30,"time":…,"name":"watchdog","msg":"…"}`) become `INFO watchdog: … key=value`, the
 * shape `npm start` prints on a terminal; any other text, JSON or not, is printed as it came,
 * without trailing line breaks.
 */
export function readableText(text: string): string {
  const trimmed = text.replace(/[\r\n]+$/, '');
  if (!trimmed.startsWith('{')) return trimmed;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return trimmed;
  }
  if (typeof entry.msg !== 'string' || entry.level === undefined || Array.isArray(entry)) return trimmed;
  const level =
    typeof entry.level === 'number'
      ? (LEVELS[entry.level] ?? String(entry.level))
      : String(entry.level).toUpperCase();
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const source = typeof entry.name === 'string' ? `${entry.name}: ` : '';
  return [`${level} ${source}${entry.msg}`, ...fields].join(' ');
}

/** One message as `faas logs` prints it; `json` is the message as the gateway sent it. */
export function formatLogMessage(msg: LogMessage, format: LogFormat): string {
  if (format.output === 'json') return JSON.stringify(msg);
  const time =
    format.timeFormat && msg.timestamp ? formatGoTime(new Date(msg.timestamp), format.timeFormat) : '';
  const text = readableText(msg.text);
  if (format.output === 'keyvalue') {
    const pairs: [string, string][] = [];
    if (time) pairs.push(['timestamp', time]);
    if (format.name) pairs.push(['name', msg.name]);
    if (format.instance) pairs.push(['instance', msg.instance]);
    pairs.push(['text', text]);
    return pairs.map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(' ');
  }
  const parts = [time, format.name ? msg.name : '', format.instance ? `(${msg.instance})` : '', text];
  return parts.filter((p, i) => p !== '' || i === parts.length - 1).join(' ');
}
