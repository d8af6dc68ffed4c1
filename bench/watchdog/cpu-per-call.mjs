/* global setTimeout, fetch */
// Two or more checkouts' watchdogs side by side (see bench/README.md, "Watchdog"): per round, one
// watchdog of each checkout runs at the same time under the same wrk load, so whatever else the
// machine runs falls on all of them alike (run one after the other, on a shared machine the
// numbers followed the background load, not the code). Reports requests/s and the CPU time the
// watchdog process itself spends per call.
// Per checkout, runtime (Node bundle, Bun executable) and mode (classic `cat`, http in front of
// bench/watchdog/echo-server.mjs): wrk for DURATION seconds (default 3), then
// (utime + stime of the watchdog process) / requests. The fork server's and the functions' CPU is
// not counted (it is not the watchdog's code).
// Usage: node bench/watchdog/cpu-per-call.mjs <checkout> <checkout> …   (each already built)
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const checkouts = process.argv.slice(2);
const duration = Number(process.env.DURATION ?? 3);
const rounds = Number(process.env.ROUNDS ?? 3);
const work = mkdtempSync(join(tmpdir(), 'bench-cpu-'));
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString());
const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

let nextPort = 21000 + Math.floor(Math.random() * 400) * 8;
const freshPort = () => nextPort++;

function start(command, args, env) {
  const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function until(ok, what) {
  for (let i = 0; i < 1000; i++) {
    if (await ok().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
}

const listening = (port) =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

const script = join(work, 'post.lua');
writeFileSync(script, 'wrk.method = "POST"\nwrk.body = "hello"\n');

/** Calls answered in `seconds` of wrk -t1 -c4. */
function wrk(url, seconds) {
  return new Promise((resolve, reject) => {
    execFile('wrk', ['-t1', '-c4', `-d${seconds}s`, '-s', script, url], (err, out) =>
      err ? reject(err) : resolve(Number(/(\d+) requests in/.exec(out)?.[1] ?? 0)),
    );
  });
}

/** Starts `checkout`'s watchdog for `runtime` and `mode`; resolves once it is healthy. */
async function startWatchdog(checkout, runtime, mode) {
  const dist = join(checkout, 'watchdog', 'dist');
  const [command, args] =
    runtime === 'node' ? [process.execPath, [join(dist, 'fwatchdog.js')]] : [join(dist, 'fwatchdog'), []];
  const port = freshPort();
  const env = { port: String(port), metrics_port: '0', lock_file_path: join(work, `lock-${port}`) };
  if (mode === 'classic') Object.assign(env, { fprocess: 'cat' });
  else {
    const upstream = freshPort();
    Object.assign(env, {
      mode: 'http',
      upstream_url: `http://127.0.0.1:${upstream}`,
      fprocess: `${process.execPath} ${join(checkout, 'bench', 'watchdog', 'echo-server.mjs')}`,
      ECHO_PORT: String(upstream),
    });
  }
  const child = start(command, args, env);
  await until(() => listening(port), `port ${port}`);
  await until(async () => (await fetch(`http://127.0.0.1:${port}/_/health`)).ok, 'healthy');
  return { child, url: `http://127.0.0.1:${port}/` };
}

/**
 * Every checkout's watchdog at once, under the same load. Which one is started (and loaded) first
 * rotates with `round`: the first had a steady edge in http mode (measured: ~20 % more req/s,
 * whichever checkout it was).
 */
async function measure(runtime, mode, round) {
  const order = checkouts.map((_, i) => (i + round) % checkouts.length);
  const started = await Promise.all(order.map((i) => startWatchdog(checkouts[i], runtime, mode)));
  const running = checkouts.map((_, i) => started[order.indexOf(i)]);
  await Promise.all(running.map((w) => wrk(w.url, 1))); // warm up
  const before = running.map((w) => cpuSeconds(w.child.pid));
  const calls = await Promise.all(running.map((w) => wrk(w.url, duration)));
  const used = running.map((w, i) => cpuSeconds(w.child.pid) - before[i]);
  for (const w of running) w.child.kill('SIGTERM');
  await Promise.all(running.map((w) => new Promise((r) => w.child.once('exit', r))));
  return calls.map((n, i) => ({ rps: n / duration, usPerCall: (used[i] / n) * 1e6 }));
}

const results = {};
for (let round = 1; round <= rounds; round++) {
  for (const runtime of ['node', 'executable']) {
    for (const mode of ['classic', 'http']) {
      const key = `${runtime} ${mode}`;
      const measured = await measure(runtime, mode, round);
      measured.forEach((r, i) => {
        const checkout = checkouts[i];
        ((results[key] ??= {})[checkout] ??= []).push(r);
        console.log(
          `round ${round} ${key.padEnd(18)} ${basename(checkout).padEnd(16)} ${r.rps.toFixed(0).padStart(6)} req/s ${r.usPerCall.toFixed(0).padStart(5)} µs CPU/call`,
        );
      });
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('\nmedians over the rounds: req/s, µs of watchdog CPU per call; ratio = second / first checkout');
for (const [key, byCheckout] of Object.entries(results)) {
  const rps = checkouts.map((c) => median(byCheckout[c].map((r) => r.rps)));
  const cpu = checkouts.map((c) => median(byCheckout[c].map((r) => r.usPerCall)));
  const cells = checkouts.map((c, i) => `${basename(c)} ${rps[i].toFixed(0)} req/s ${cpu[i].toFixed(0)} µs`);
  console.log(
    `${key.padEnd(18)} ${cells.join('  ')}  ratio req/s ${(rps[1] / rps[0]).toFixed(2)}, CPU/call ${(cpu[1] / cpu[0]).toFixed(2)}`,
  );
}
