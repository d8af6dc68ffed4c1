// faas node template: an HTTP server on the port of $upstream_url that calls function/handler.js.
// The watchdog (http mode) starts it once and proxies every request to it.
import http from 'node:http';
import { URL } from 'node:url';

const upstream = new URL(process.env.upstream_url || 'http://127.0.0.1:3000');
const port = Number(upstream.port || 3000);

/** What the handler gets as its second argument: chainable status/headers, then succeed or fail. */
function createContext() {
  const context = {
    statusCode: 200,
    headerValues: {},
    result: undefined,
    error: undefined,
    status(code) {
      context.statusCode = code;
      return context;
    },
    headers(values) {
      Object.assign(context.headerValues, values);
      return context;
    },
    succeed(value) {
      context.result = value;
      return context;
    },
    fail(error) {
      context.error = error;
      return context;
    },
  };
  return context;
}

function parseBody(raw, contentType) {
  if (/^application\/json/i.test(contentType || '') && raw.length > 0) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return raw.toString('utf8');
    }
  }
  return /^(text\/|application\/(json|x-www-form-urlencoded|xml))/i.test(contentType || 'text/plain')
    ? raw.toString('utf8')
    : raw;
}

function send(res, status, headers, value) {
  if (value === undefined || value === null) value = '';
  const isText = typeof value === 'string' || Buffer.isBuffer(value);
  const body = isText ? value : JSON.stringify(value);
  const lower = Object.keys(headers).map((h) => h.toLowerCase());
  if (!isText && !lower.includes('content-type')) headers['Content-Type'] = 'application/json';
  res.writeHead(status, headers);
  res.end(body);
}

async function main() {
  const mod = await import(new URL('./function/handler.js', import.meta.url).href);
  const handler =
    typeof mod.default === 'function' ? mod.default : mod.handle || (mod.default && mod.default.handle);
  if (typeof handler !== 'function') throw new Error('function/handler.js must export a function');
  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const url = new URL(req.url || '/', 'http://function');
    const event = {
      body: parseBody(Buffer.concat(chunks), req.headers['content-type']),
      headers: req.headers,
      method: req.method,
      query: Object.fromEntries(url.searchParams),
      path: url.pathname,
    };
    const context = createContext();
    try {
      const returned = await handler(event, context);
      if (context.error !== undefined) throw context.error;
      const value =
        context.result !== undefined ? context.result : returned === context ? undefined : returned;
      send(res, context.statusCode, context.headerValues, value);
    } catch (err) {
      send(res, 500, {}, `${err && err.message ? err.message : err}\n`);
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1');
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
