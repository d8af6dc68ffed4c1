import type { IncomingMessage } from 'node:http';
import { FaasError } from '@faas/contracts';

/** Reads a whole (small) request body; PAYLOAD_TOO_LARGE past `limit` bytes (0: no limit). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = (): FaasError =>
      new FaasError('PAYLOAD_TOO_LARGE', `Request body larger than ${limit} bytes.`);
    if (limit > 0 && declared > limit) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let seen = 0;
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (limit > 0 && seen > limit) {
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
