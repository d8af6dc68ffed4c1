import type { IncomingMessage } from 'node:http';
import { FaasError } from '@faas/contracts';

/** Whether `bytes` is past `limit` (0: no limit). */
export function overLimit(bytes: number, limit: number): boolean {
  return limit > 0 && bytes > limit;
}

/** The one 413 every service answers for a body over `limit` bytes. */
export function bodyTooLarge(limit: number): FaasError {
  return new FaasError('PAYLOAD_TOO_LARGE', `Request body too large: the limit is ${limit} bytes.`);
}

/**
 * Reads a whole (small) request body; PAYLOAD_TOO_LARGE past `limit` bytes (0: no limit), at once
 * from `Content-Length` or as soon as the streamed bytes pass it. Past the limit nothing more is
 * kept: the rest is read and dropped (the client is not left blocked mid-send, so it reads the
 * 413), and `sendError` closes the connection after the answer, so a body that never ends holds
 * nothing (docs/decisions.md, "One answer to an oversized body"). A declared length is read straight
 * into one buffer of that size: one copy of the body, not a list of chunks joined at the end.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (overLimit(declared || 0, limit)) {
      req.resume();
      return reject(bodyTooLarge(limit));
    }
    const whole = Number.isSafeInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer): void => {
      // Node's parser holds a body to its Content-Length, so `whole` never overflows.
      if (whole) chunk.copy(whole, seen);
      seen += chunk.length;
      if (overLimit(seen, limit)) {
        req.off('data', onData);
        req.resume();
        return reject(bodyTooLarge(limit));
      }
      if (!whole) chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(whole ? whole.subarray(0, seen) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
