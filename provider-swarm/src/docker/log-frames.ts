// Docker's log stream, decoded. Without a TTY, Docker multiplexes stdout and stderr into frames:
// an 8-byte header (stream type, 3 zero bytes, big-endian length) then the payload. Service logs
// with `timestamps` and `details` put `<RFC 3339 time> <k=v,k=v> ` before each line; the details
// carry `com.docker.swarm.task.id`, which names the replica. Pure.

/** One decoded log line. */
export interface LogLine {
  /** 1 = stdout, 2 = stderr. */
  stream: number;
  /** The line without its trailing newline. */
  line: string;
}

/** Turns chunks of a multiplexed stream into complete lines, in order. */
export class LogFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private readonly partial = new Map<number, string>();

  /** Feeds a chunk; returns the lines it completed. */
  push(chunk: Buffer): LogLine[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const lines: LogLine[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = this.pending[0] ?? 1;
      const text = (this.partial.get(stream) ?? '') + this.pending.subarray(8, 8 + size).toString('utf8');
      this.pending = this.pending.subarray(8 + size);
      const parts = text.split('\n');
      this.partial.set(stream, parts.pop() ?? '');
      for (const line of parts) lines.push({ stream, line });
    }
    return lines;
  }

  /** Lines left without a trailing newline when the stream ended. */
  end(): LogLine[] {
    const rest = [...this.partial.entries()].filter(([, text]) => text !== '');
    this.partial.clear();
    return rest.map(([stream, line]) => ({ stream, line }));
  }
}

/** A service log line split into its parts. */
export interface ServiceLogEntry {
  /** RFC 3339 time Docker recorded. */
  timestamp: string;
  /** The task that wrote it (empty when Docker gave no details). */
  taskId: string;
  /** What the function wrote. */
  text: string;
}

const LINE = /^(\d{4}-\d{2}-\d{2}T\S+)\s(?:(\S*=\S*)(?:\s|$))?(.*)$/s;

/** Splits `<time> <details> <text>`; a line that does not match keeps its text and gets now. */
export function parseServiceLogLine(line: string, now: () => Date = () => new Date()): ServiceLogEntry {
  const match = LINE.exec(line);
  if (!match) return { timestamp: now().toISOString(), taskId: '', text: line };
  const details = match[2] ?? '';
  const task = /(?:^|,)com\.docker\.swarm\.task\.id=([^,]+)/.exec(details);
  return { timestamp: match[1] ?? '', taskId: task?.[1] ?? '', text: match[3] ?? '' };
}

/** Orders RFC 3339 times to the nanosecond (Docker trims trailing zeros, so strings do not sort). */
export function compareTimestamps(a: string, b: string): number {
  const key = (t: string): [number, string] => {
    const fraction = /\.(\d+)/.exec(t)?.[1] ?? '';
    return [Date.parse(t.replace(/\.\d+/, '')), fraction.padEnd(9, '0')];
  };
  const [as, af] = key(a);
  const [bs, bf] = key(b);
  return as !== bs ? as - bs : af.localeCompare(bf);
}
