/* global fetch */
// The WebSocket benchmark on loopback (bench/README.md, "WebSockets"): round trips per second of
// CLIENTS `ws` clients, each sending a 32-byte text message and waiting for its echo, for DURATION
// seconds per measurement, alternating targets each of ROUNDS rounds:
//   direct   client → deploy/functions/ws-echo
//   wd-node  client → watchdog on Node (http mode: the byte relay) → ws-echo     (one hop, for reference)
//   wd-bun   client → watchdog on Bun (http mode: the message relay) → ws-echo   (one hop, for reference)
//   chain    client → gateway (npm start's platform process) → watchdog (Bun, http mode) → ws-echo
// Usage: npm run build && node bench/websocket/run.mjs      (DURATION=5 CLIENTS=10 ROUNDS=3)
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { bunBinary, watchdogBunEntryPath, watchdogEntryPath } from '../../watchdog/dist/src/entry-path.js';
import { freePort, repo, start, startPlatform, stopAll, until } from '../lib/processes.mjs';

const echo = join(repo, 'deploy/functions/ws-echo/server.mjs');
const duration = Number(process.env.DURATION ?? 5);
const clients = Number(process.env.CLIENTS ?? 10);
const rounds = Number(process.env.ROUNDS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'bench-websocket-'));
/** Waits up to a minute, every 200 ms. */
const patiently = { everyMs: 200, tries: 300 };

function open(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Round trips per second of `clients` ping-pong loops, and p50/p99 round-trip latency in ms. */
async function measure(url) {
  const sockets = await Promise.all(Array.from({ length: clients }, () => open(url)));
  const message = 'x'.repeat(32);
  const latencies = [];
  const stopAt = Date.now() + duration * 1000;
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise((resolve) => {
          let sent = 0n;
          const next = () => {
            if (Date.now() >= stopAt) return resolve();
            sent = process.hrtime.bigint();
            ws.send(message);
          };
          ws.on('message', () => {
            latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
            next();
          });
          next();
        }),
    ),
  );
  for (const ws of sockets) ws.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: latencies.length / duration, p50: at(0.5), p99: at(0.99) };
}

async function main() {
  const directPort = await freePort();
  start([echo], { PORT: String(directPort) });
  const fnPort = await freePort();
  const { gateway, gatewayPort, deploy } = await startPlatform(work);
  await deploy({
    service: 'ws-echo',
    image: 'faas/fn-ws-echo:latest',
    envProcess: `${process.execPath} ${echo}`,
    envVars: { mode: 'http', upstream_url: `http://127.0.0.1:${fnPort}`, PORT: String(fnPort) },
  });
  await until(
    'a ready replica',
    async () => (await fetch(`${gateway}/function/ws-echo`)).status === 426,
    patiently,
  );
  await until(
    'the echo',
    async () => (await measureOnce(`ws://127.0.0.1:${directPort}/`)) && true,
    patiently,
  );

  const hops = [];
  for (const [name, command, entry] of [
    ['wd-node', process.execPath, watchdogEntryPath()],
    ['wd-bun', bunBinary(), watchdogBunEntryPath()],
  ]) {
    const [port, upstream] = [await freePort(), await freePort()];
    start(
      [entry],
      {
        mode: 'http',
        fprocess: `${process.execPath} ${echo}`,
        upstream_url: `http://127.0.0.1:${upstream}`,
        PORT: String(upstream),
        port: String(port),
        metrics_port: '0',
        suppress_lock: 'true',
      },
      command,
    );
    await until(name, async () => (await fetch(`http://127.0.0.1:${port}/`)).status === 426, patiently);
    hops.push([name, `ws://127.0.0.1:${port}/`]);
  }
  const targets = [
    ['direct', `ws://127.0.0.1:${directPort}/`],
    ...hops,
    ['chain', `ws://127.0.0.1:${gatewayPort}/function/ws-echo`],
  ];
  const results = new Map(targets.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of round % 2 === 0 ? targets : [...targets].reverse()) {
      await measure(url); // warm each target's connections before counting
      const r = await measure(url);
      results.get(name).push(r);
      console.log(
        `round ${round + 1} ${name.padEnd(6)} ${r.rps.toFixed(0).padStart(7)} msg/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`,
      );
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `\n${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${clients} clients, ${duration} s × ${rounds} rounds`,
  );
  console.log('| target | round trips/s (median) | p50 ms | p99 ms |\n|---|---|---|---|');
  for (const [name, rs] of results) {
    console.log(
      `| ${name} | ${median(rs.map((r) => r.rps)).toFixed(0)} | ${median(rs.map((r) => r.p50)).toFixed(2)} | ${median(rs.map((r) => r.p99)).toFixed(2)} |`,
    );
  }
}

async function measureOnce(url) {
  const ws = await open(url);
  ws.close();
  return true;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
