/* global URL */
// Two single-target proxies for the engine comparison, each in its own process:
//   ENGINE=lean        the gateway's own forward() (gateway/dist/src/proxy: node:http server, undici client)
//   ENGINE=http-proxy  the http-proxy package with a keep-alive agent
// Both add the same headers the gateway adds (call id, start time) so the work compares.
import { createServer, Agent } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import httpProxy from 'http-proxy';
import { Agent as UndiciAgent } from 'undici';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { forward } = await import(pathToFileURL(join(repo, 'gateway/dist/src/proxy/forward.js')).href);
const { stampOf, upstreamRequestHeaders } = await import(
  pathToFileURL(join(repo, 'gateway/dist/src/proxy/headers.js')).href
);

const target = new URL(process.env.TARGET);
const port = Number(process.env.PROXY_PORT);
const agent = new Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: 'lifo' });

let handler;
if (process.env.ENGINE === 'http-proxy') {
  const proxy = httpProxy.createProxyServer({ target: target.origin, agent, xfwd: true });
  proxy.on('error', (_err, _req, res) => {
    res.writeHead(502);
    res.end();
  });
  handler = (req, res) => {
    const stamp = stampOf(req);
    req.headers['x-call-id'] = stamp.callId;
    req.headers['x-start-time'] = stamp.startTime;
    res.setHeader('x-call-id', stamp.callId);
    res.setHeader('x-start-time', stamp.startTime);
    req.url = '/';
    proxy.web(req, res);
  };
} else {
  const base = { protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: '/' };
  const dispatcher = new UndiciAgent({ keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  handler = (req, res) => {
    const stamp = stampOf(req);
    forward(
      {
        req,
        res,
        stamp,
        headers: upstreamRequestHeaders(req, stamp),
        upstreamTimeoutMs: 60_000,
        writeTimeoutMs: 60_000,
        maxBodyBytes: 0,
      },
      base,
      dispatcher,
    ).catch(() => {
      res.writeHead(502);
      res.end();
    });
  };
}
const server = createServer(handler);
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
