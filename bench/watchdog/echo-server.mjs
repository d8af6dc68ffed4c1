// The upstream of the http-mode benchmark: a plain Node HTTP server that echoes the request body.
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
