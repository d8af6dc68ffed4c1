import type { IncomingMessage } from 'node:http';
import { FaasError } from '@faas/contracts';

/**
 * Reads a request body as UTF-8 text, refusing (413) a body larger than `limit` bytes: at once
 * from `Content-Length`, or as soon as the streamed bytes pass the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): FaasError {
  return new FaasError('PAYLOAD_TOO_LARGE', `Request body too large: the limit is ${limit} bytes.`);
}
