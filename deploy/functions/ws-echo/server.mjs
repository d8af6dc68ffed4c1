// ws-echo: a WebSocket echo server behind the watchdog (http mode). Each text or binary message
// comes back as it was sent; a plain GET answers with a short hint. No dependencies, so the image
// needs only Node (a real function would use a library such as `ws`; this file shows the whole
// protocol the platform relays, RFC 6455, in a few lines). Listens on $PORT (default 3000).
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One unmasked server frame (FIN set): the 2-, 4- or 10-byte header, then the payload. */
function frame(opcode, payload) {
  const n = payload.length;
  let head;
  if (n < 126) {
    head = Buffer.from([0x80 | opcode, n]);
  } else if (n < 65536) {
    head = Buffer.from([0x80 | opcode, 126, 0, 0]);
    head.writeUInt16BE(n, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

const server = createServer((req, res) => {
  req.resume();
  res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
  res.end('ws-echo speaks WebSocket: connect with a WebSocket client to /function/ws-echo\n');
});

server.on('upgrade', (req, socket) => {
  const key = req.headers['sec-websocket-key'];
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || !key) {
    return socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  }
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.setNoDelay(true);
  let buffered = Buffer.alloc(0);
  let message = [];
  let messageOpcode = 1;
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length < 2) return;
      const fin = (buffered[0] & 0x80) !== 0;
      const opcode = buffered[0] & 0x0f;
      let length = buffered[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (buffered[1] & 0x80) !== 0;
      const mask = masked ? buffered.subarray(offset, offset + 4) : undefined;
      if (masked) offset += 4;
      if (buffered.length < offset + length) return;
      const payload = Buffer.from(buffered.subarray(offset, offset + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      buffered = buffered.subarray(offset + length);
      if (opcode === 0x8) {
        socket.end(frame(0x8, payload.subarray(0, 2)));
        return;
      }
      if (opcode === 0x9) socket.write(frame(0xa, payload));
      if (opcode >= 0x8) continue;
      if (opcode !== 0) messageOpcode = opcode;
      message.push(payload);
      if (fin) {
        socket.write(frame(messageOpcode, Buffer.concat(message)));
        message = [];
      }
    }
  });
});

server.listen(Number(process.env.PORT || 3000), '127.0.0.1');
