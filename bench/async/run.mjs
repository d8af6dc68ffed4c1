/* global fetch */
// The async benchmark (see bench/README.md, "Async"), on loopback:
//   enqueue     wrk -t2 -c32 POSTs /async-function/echo for DURATION s: requests/s until 202, i.e. until
//               the queue confirmed the write (embedded: fsync, group-committed; nats: JetStream PubAck)
//                 routes   the async route module alone, function lookup in memory
//                 gateway  the real gateway + local provider, lookup = a provider call per request (nats)
//   complete    CALLS messages already queued, then one in-process worker (max_inflight 32) invokes a
//               trivial echo function behind a stand-in gateway and POSTs every callback: calls/s until
//               the last callback arrived
// Usage: npm run build && node bench/async/run.mjs        (DURATION=3 CALLS=1000 for a quick look)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { openQueueBackend, queueSettings } from '@faas/queue';
import { sampleMessage, startNatsServer } from '@faas/queue/testing';
import { createQueueWorker, loadWorkerConfig } from '@faas/queue-worker';
import { createLogger, loadConfig } from '@faas/service-kit';

const here = dirname(fileURLToPath(import.meta.url));
const duration = Number(process.env.DURATION ?? 10);
const calls = Number(process.env.CALLS ?? 5000);
const work = mkdtempSync(join(tmpdir(), 'bench-async-'));
const script = join(work, 'post.lua');
writeFileSync(
  script,
  'wrk.method = "POST"\nwrk.body = "hello"\nwrk.headers["Content-Type"] = "text/plain"\n',
);
const logger = createLogger({ name: 'bench-async', level: 'warn' });
const nats = await startNatsServer({ storeDir: join(work, 'nats') });

function wrk(url) {
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', ['-t2', '-c32', `-d${duration}s`, '--latency', '-s', script, url]);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => {
      const ms = (label) => {
        const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)\\b`).exec(out);
        return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
      };
      resolve({
        rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
        p50: ms('50%'),
        p99: ms('99%'),
        errors: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
      });
    });
  });
}

async function enqueueRun(stack, backend) {
  const child = spawn(process.execPath, [join(here, 'enqueue-server.mjs')], {
    env: {
      ...process.env,
      STACK: stack,
      BACKEND: backend,
      NATS_URL: nats.url,
      DATA_DIR: join(work, `${stack}-${backend}`),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /ready (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`enqueue server exited with ${code}`)));
  });
  if (stack === 'gateway') {
    const deployed = await fetch(`${url}/system/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'echo', image: 'local/cat', envProcess: 'cat' }),
    });
    if (deployed.status !== 202) throw new Error(`deploy answered ${deployed.status}`);
  }
  const result = await wrk(`${url}/async-function/echo`);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { scenario: `enqueue ${stack}`, backend, ...result };
}

/** A stand-in gateway whose /function/echo.openfaas-fn echoes the body, and a callback counter. */
async function servers() {
  let callbacks = 0;
  let done = () => undefined;
  const listen = (handler) =>
    new Promise((resolve) => {
      const s = createServer(handler).listen(0, '127.0.0.1', () => resolve(s));
      s.keepAliveTimeout = 65_000;
    });
  const gateway = await listen((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.concat(chunks)));
  });
  const receiver = await listen((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204).end();
      if (++callbacks === calls) done();
    });
  });
  return {
    gatewayUrl: `http://127.0.0.1:${gateway.address().port}`,
    callbackUrl: `http://127.0.0.1:${receiver.address().port}/done`,
    allCalledBack: new Promise((r) => (done = r)),
    close() {
      for (const s of [gateway, receiver]) {
        s.closeAllConnections();
        s.close();
      }
    },
  };
}

async function completeRun(backendKind) {
  // A queue of its own: the enqueue runs left their messages on faas-request.
  const env = {
    queue_backend: backendKind,
    queue_data_dir: join(work, `complete-${backendKind}`),
    faas_nats_address: nats.url,
    faas_nats_channel: 'bench-complete',
  };
  const backend = await openQueueBackend(loadConfig(queueSettings, env), logger, 'bench-complete');
  const s = await servers();
  const queue = backend.queue('bench-complete');
  for (let i = 0; i < calls; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, calls - i) }, (_, j) => {
        const m = sampleMessage({ body: `call ${i + j}` });
        m.request.callbackUrl = s.callbackUrl;
        return queue.publish(m);
      }),
    );
  }
  const config = loadWorkerConfig({ ...env, max_inflight: '32' });
  const { worker, close } = createQueueWorker({
    config,
    backend,
    logger,
    registry: new Registry(),
    gatewayUrl: s.gatewayUrl,
  });
  const started = performance.now();
  worker.start();
  await s.allCalledBack;
  const seconds = (performance.now() - started) / 1000;
  await worker.stop(5_000);
  close();
  s.close();
  await backend.close();
  return {
    scenario: 'complete',
    backend: backendKind,
    calls,
    seconds: Number(seconds.toFixed(2)),
    rps: Math.round(calls / seconds),
  };
}

const results = [];
try {
  for (const backend of ['embedded', 'nats']) results.push(await enqueueRun('routes', backend));
  results.push(await enqueueRun('gateway', 'nats'));
  for (const backend of ['embedded', 'nats']) results.push(await completeRun(backend));
} finally {
  await nats.dispose();
  rmSync(work, { recursive: true, force: true });
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`;
console.log(`\n${machine}; wrk -t2 -c32 -d${duration}s; ${calls} calls per completion run\n`);
console.log('| scenario | backend | calls/s | p50 | p99 | non-2xx |');
console.log('|---|---|---|---|---|---|');
for (const r of results) {
  const lat = (v) => (v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(2)} ms`);
  console.log(
    `| ${r.scenario} | ${r.backend} | ${Math.round(r.rps)} | ${lat(r.p50)} | ${lat(r.p99)} | ${r.errors ?? '—'} |`,
  );
}
const out = join(here, '..', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, `async-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ machine, duration, calls, results }, null, 2),
);
