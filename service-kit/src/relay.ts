import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';

/** Bodies up to this size are copied without `pipe`, whose set-up and tear-down cost more than the copy. */
export const SMALL_BODY_BYTES = 64 * 1024;

/**
 * Copies a message body to `to` and ends it, as proxies do on their hot path: a small declared
 * body chunk by chunk (a few chunks at most, so back-pressure cannot build up), a large or
 * chunked one with `pipe` and back-pressure. Measured ≈ 8 % less CPU per proxied call than
 * `pipe` alone (bench/README.md, "Watchdog").
 */
export function relayBody(from: IncomingMessage, to: Writable): void {
  const declared = from.headers['content-length'];
  const streamed =
    declared === undefined
      ? from.headers['transfer-encoding'] !== undefined
      : Number(declared) > SMALL_BODY_BYTES;
  if (streamed) {
    from.pipe(to);
    return;
  }
  from.on('data', (chunk: Buffer) => to.write(chunk));
  from.once('end', () => to.end());
}
