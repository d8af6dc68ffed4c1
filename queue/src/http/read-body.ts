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
 * streams. A limit of 0 means none (the gateway's `max_body_size=0`).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (overLimit(Number(req.headers['content-length'] ?? 0), limit)) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let seen = 0;
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (!overLimit(seen, limit)) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      reject(tooLarge(limit));
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
