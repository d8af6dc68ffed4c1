import { createWriteStream, mkdirSync, openSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogMessage } from '@faas/contracts';

interface OpenFile {
  stream: WriteStream;
  /** Lines in the current file. */
  lines: number;
}

/**
 * Functions' log lines on disk, so `/system/logs` still shows them after the provider restarts:
 * one NDJSON file per function, `<dir>/<namespace>/<name>.ndjson`, appended through a stream.
 * When it reaches `linesPerFile` it becomes `<name>.ndjson.1` (replacing the older one) and a new
 * file starts, so a function keeps between one and two files' worth of lines on disk.
 */
export class LogFiles {
  private readonly open = new Map<string, OpenFile>();

  constructor(
    private readonly dir: string,
    private readonly linesPerFile: number,
  ) {}

  /**
   * Opens a function's log for appending and returns its stored lines, oldest first (the rotated
   * file, then the current one). Call once per function before `append`.
   */
  load(name: string, namespace: string): LogMessage[] {
    const path = this.path(name, namespace);
    const rotated = readLines(`${path}.1`);
    const current = readLines(path);
    this.start(`${namespace}/${name}`, path, current.length);
    return [...rotated, ...current];
  }

  /**
   * Appends one line to a log opened with `load`. Never throws: it runs inside a replica's output
   * handler, and a disk that refuses a rotation or a file (full, read-only, out of descriptors)
   * must cost log lines on disk, not the provider. The line stays in memory (log-buffer.ts).
   */
  append(name: string, namespace: string, message: LogMessage): void {
    const key = `${namespace}/${name}`;
    const path = this.path(name, namespace);
    try {
      let file = this.open.get(key) ?? this.start(key, path, 0);
      if (file.lines >= this.linesPerFile) {
        // The stream keeps writing to the renamed file's descriptor until it ends: nothing is lost.
        renameSync(path, `${path}.1`);
        file.stream.end();
        file = this.start(key, path, 0);
      }
      file.stream.write(`${JSON.stringify(message)}\n`);
      file.lines++;
    } catch {
      // Counted as written nowhere; the next line tries again.
    }
  }

  /** Deletes a function's files (the function was removed). */
  remove(name: string, namespace: string): void {
    const key = `${namespace}/${name}`;
    this.open.get(key)?.stream.end();
    this.open.delete(key);
    const path = this.path(name, namespace);
    rmSync(path, { force: true });
    rmSync(`${path}.1`, { force: true });
  }

  /** Flushes and closes every file. */
  async close(): Promise<void> {
    const files = [...this.open.values()];
    this.open.clear();
    await Promise.all(files.map((f) => new Promise<void>((resolve) => f.stream.end(() => resolve()))));
  }

  /** Opens `path` for appending; it already holds `lines` lines. */
  private start(key: string, path: string, lines: number): OpenFile {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Opened at once (not when the stream gets to it), so the file exists for a rotation.
    const file = { stream: createWriteStream(path, { fd: openSync(path, 'a', 0o600) }), lines };
    file.stream.on('error', () => undefined); // a full disk must not take the provider down
    this.open.set(key, file);
    return file;
  }

  private path(name: string, namespace: string): string {
    return join(this.dir, namespace, `${name}.ndjson`);
  }
}

/** The parsed lines of an NDJSON file; none when it is missing, a torn last line skipped. */
function readLines(path: string): LogMessage[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const lines: LogMessage[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      lines.push(JSON.parse(line) as LogMessage);
    } catch {
      // A line cut short by a crash.
    }
  }
  return lines;
}
