// redirect: a tiny HTTP server behind the watchdog (http mode) that answers every request with
// 302 and Location: $location.
import { createServer } from 'node:http';

const location = process.env.location || 'https://example.com/';
createServer((req, res) => {
  req.resume();
  res.writeHead(302, { Location: location, 'Content-Type': 'text/plain' });
  res.end(`Found: ${location}\n`);
}).listen(3000, '127.0.0.1');
