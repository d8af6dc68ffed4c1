// The classic-mode baseline: the naive way to make `cat` a function in Node, one spawn per
// request, body piped to stdin, stdout buffered, Http_* env passed like the watchdog does.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';

const port = Number(process.env.NAIVE_PORT ?? 3001);
createServer((req, res) => {
  const env = { ...process.env, Http_Method: req.method, Http_Path: req.url };
  const child = spawn('cat', [], { env });
  const out = [];
  child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => out.push(c));
  req.pipe(child.stdin);
  child.on('close', (code) => {
    const body = Buffer.concat(out);
    res.writeHead(code === 0 ? 200 : 500, { 'Content-Length': body.length });
    res.end(body);
  });
}).listen(port, '127.0.0.1');
