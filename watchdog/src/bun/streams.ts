// Moving bytes on Bun: request bodies into a process, a process's output out, with backpressure.
import type { FileSink } from 'bun';
import type { BodyOutcome } from '../core/decide.js';
import type { OutputStream } from '../line-logger.js';

/** Writes a stream's lines to the function's log until it ends. */
export async function drainLines(stream: ReadableStream<Uint8Array>, to: OutputStream): Promise<void> {
  await drain(stream, (c) => to.write(c));
  to.end();
}

/** Bytes streamed since the last collection hint. */
let streamed = 0;

/**
 * Keeps resident memory flat while large bodies stream through: JavaScriptCore frees the chunks'
 * buffers only when it collects, and with a small heap it collects late. A synchronous collection
 * every 4 MB (as the Node runtime's minor GCs, ../buffer-pressure.ts) costs ~1 ms each and roughly
 * halves what a 100 MB stream adds to RSS (numbers: watchdog/README.md, "Memory"); every 1 MB
 * saves a little more but runs 50 % slower, and `Bun.gc(false)`, the asynchronous hint, changed
 * nothing (measured).
 */
export function noteStreamed(bytes: number): void {
  streamed += bytes;
  if (streamed < 4 * 1024 * 1024) return;
  streamed = 0;
  Bun.gc(true);
}

/** Calls `each` with every chunk of `stream` until it ends (or fails: the process was killed). */
export async function drain(
  stream: ReadableStream<Uint8Array>,
  each: (chunk: Uint8Array) => void,
): Promise<void> {
  try {
    for await (const chunk of stream) each(chunk);
  } catch {
    // the pipe broke: the process is gone, and what it wrote so far has been seen
  }
}

/**
 * Streams a request body into a process's stdin with backpressure (one chunk in flight), stopping
 * at `limit` bytes. When the process stops reading (it exited), the rest of the body is read and
 * dropped, so the call can still be answered.
 */
export async function feed(
  body: ReadableStream<Uint8Array> | null,
  sink: FileSink,
  limit: number,
): Promise<BodyOutcome> {
  let seen = 0;
  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    try {
      void sink.end();
    } catch {
      // the process closed its stdin first
    }
  };
  try {
    if (body !== null) {
      for await (const chunk of body) {
        seen += chunk.length;
        if (seen > limit) {
          close();
          return 'too-large';
        }
        if (!open) continue;
        noteStreamed(chunk.length);
        try {
          sink.write(chunk);
          await sink.flush();
        } catch {
          close();
        }
      }
    }
    close();
    return 'complete';
  } catch {
    close();
    return 'aborted';
  }
}

/** Reads a whole body into memory, stopping at `limit` bytes. */
export async function readLimited(
  req: Request,
  limit: number,
): Promise<Uint8Array | 'too-large' | 'aborted'> {
  try {
    if (req.body === null) return new Uint8Array(0);
    if (req.headers.has('content-length')) return new Uint8Array(await req.arrayBuffer());
    const chunks: Uint8Array[] = [];
    let seen = 0;
    for await (const chunk of req.body) {
      seen += chunk.length;
      if (seen > limit) return 'too-large';
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch {
    return 'aborted';
  }
}
