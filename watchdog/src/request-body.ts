import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { noteStreamed } from './buffer-pressure.js';
import type { BodyOutcome, Framing } from './core/decide.js';

/** The framing headers of a Node request (core/decide.ts reads them). */
export function framingOf(req: IncomingMessage): Framing {
  return { contentLength: req.headers['content-length'], transferEncoding: req.headers['transfer-encoding'] };
}

/**
 * Streams a request body into `dest` (a process's stdin) with backpressure, never holding more
 * than a pipe buffer in memory, and stops at `limit` bytes. When `dest` fails (the process exited
 * without reading), the rest of the body is drained so the connection stays usable.
 */
export function feedBody(
  req: IncomingMessage,
  dest: Writable,
  limit: number,
  onLimit: () => void = () => undefined,
): Promise<BodyOutcome> {
  if (req.readableEnded) {
    dest.end();
    return Promise.resolve('complete');
  }
  if (req.destroyed) {
    dest.destroy();
    return Promise.resolve('aborted');
  }
  return new Promise((resolve) => {
    let seen = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      if (outcome !== 'too-large') req.resume();
      resolve(outcome);
    };
    const onDrain = (): void => {
      req.resume();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      noteStreamed(chunk.length);
      if (seen > limit) {
        req.pause();
        // Synchronously, before the process can see EOF and answer: its output must not win.
        onLimit();
        dest.destroy();
        settle('too-large');
        return;
      }
      if (!dest.write(chunk)) req.pause();
    };
    dest.on('drain', onDrain);
    dest.once('close', () => {
      dest.off('drain', onDrain);
      // The process closed stdin early: keep reading (and discarding) so the call can complete.
      if (!settled) {
        req.off('data', onData);
        req.on('data', () => undefined);
        req.resume();
      }
    });
    req.on('data', onData);
    req.once('end', () => {
      dest.end();
      settle('complete');
    });
    req.once('close', () => {
      if (!req.complete) {
        dest.destroy();
        settle('aborted');
      }
    });
  });
}

/** Reads a whole request body into memory (small bodies, `marshal_request`), stopping at `limit`. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  if (req.destroyed && !req.readableEnded) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}
