import type { IncomingMessage } from 'node:http';
import { FaasError } from '@faas/contracts';

/** Whether `bytes` is past `limit` (0: no limit). */
export function overLimit(bytes: number, limit: number): boolean {
  return limit > 0 && bytes > limit;
}

/** The error for a body over `limit` bytes. */
export function tooLarge(limit: number): FaasError {
  return new FaasError('PAYLOAD_TOO_LARGE', `Request body larger than ${limit} bytes.`);
}

/**
 * Reads the whole request body; PAYLOAD_TOO_LARGE past `limit` bytes, by Content-Length or as it
 * streams. A limit of 0 means none (`max_async_body_size=0`). A declared length is read straight
 * into one buffer of that size (no list of chunks joined at the end: one copy of the body, not two).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (overLimit(declared || 0, limit)) return reject(tooLarge(limit));
    const whole = Number.isSafeInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer): void => {
      // Node's parser holds a body to its Content-Length, so `whole` never overflows.
      if (whole) chunk.copy(whole, seen);
      seen += chunk.length;
      if (overLimit(seen, limit)) {
        req.off('data', onData);
        req.pause();
        return reject(tooLarge(limit));
      }
      if (!whole) chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(whole ? whole.subarray(0, seen) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
