// The function behind the chain, and the direct baseline: a plain Node echo server.
import { createServer } from 'node:http';

const port = Number(process.env.ECHO_PORT ?? 3000);
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
    res.end(body);
  });
}).listen(port, '127.0.0.1');
