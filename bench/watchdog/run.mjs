/* global setTimeout, setInterval, clearInterval, fetch */
// The watchdog benchmark, in one run on loopback (see bench/README.md, "Watchdog"):
//   1. http mode: a plain Node echo server hit directly, then the watchdog in front of it;
//   2. classic mode: a naive spawn-per-request Node server running `cat`, then the watchdog
//      (fprocess=cat); streaming mode for reference;
//   3. the watchdog's resident memory idle and under that load, in each mode.
// wrk: POST of a 5-byte body, 20 connections, DURATION seconds (default 10) per target, taken in
// ROUNDS (default 5) alternating slices so that background load hits the compared targets alike.
// Every watchdog row runs twice: on Node (dist/fwatchdog.js, what the local provider starts) and as
// the self-contained executable function images ship (dist/fwatchdog: Bun, src/bun/).
// Usage: node bench/watchdog/run.mjs        (DURATION=3 for a quick look)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const duration = Number(process.env.DURATION ?? 10);
const rounds = Number(process.env.ROUNDS ?? 5);
const connections = Number(process.env.CONNECTIONS ?? 20);
const work = mkdtempSync(join(tmpdir(), 'bench-watchdog-'));
const entry = join(repo, 'watchdog', 'dist', 'fwatchdog.js');
const executable = join(repo, 'watchdog', 'dist', 'fwatchdog');

if (process.env.REBUILD !== '0' || !existsSync(entry) || !existsSync(executable)) {
  execFileSync(process.execPath, [join(repo, 'watchdog', 'build.mjs'), '--executable'], { stdio: 'ignore' });
}

/** The two ways a watchdog runs: [label, command, args]. */
const runtimes = [
  ['Node', process.execPath, [entry]],
  ['executable', executable, []],
];

/**
 * Drops a file's pages from the page cache (GNU dd, no root needed). A file written moments ago
 * (the executable, just compiled) sits in the page cache in large folios, and a process mapping it
 * then counts up to ~5 MB more file-backed RSS than after a reboot or a fresh image pull (measured:
 * 36.3 vs 30.9 MB for the same binary). Every measured binary starts from the same cold state.
 */
function evict(file) {
  execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
}
const script = join(work, 'post.lua');
writeFileSync(
  script,
  'wrk.method = "POST"\nwrk.body = "hello"\nwrk.headers["Content-Type"] = "text/plain"\n',
);

const children = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

function start(command, args, env) {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function waitPort(port) {
  for (let i = 0; i < 500; i++) {
    const ok = await new Promise((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`nothing listens on ${port}`);
}

async function waitHealthy(port) {
  for (let i = 0; i < 500; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/_/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the watchdog on ${port} never became healthy`);
}

/** RSS, its anonymous part, and the private memory (USS: what this process alone costs). */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (text, name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
  const rollup = existsSync(`/proc/${pid}/smaps_rollup`)
    ? readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    : '';
  return {
    rss: kb(status, 'VmRSS') / 1024,
    anon: kb(status, 'RssAnon') / 1024,
    uss: (kb(rollup, 'Private_Clean') + kb(rollup, 'Private_Dirty')) / 1024,
  };
}

function ms(text) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return NaN;
  return Number(m[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2]];
}

/** Runs wrk against url; samples the RSS of `pid` meanwhile. */
async function load(url, pid, seconds = duration) {
  let peak = 0;
  const samples = [];
  const sampler = pid
    ? setInterval(() => {
        const m = memory(pid).rss;
        peak = Math.max(peak, m);
        samples.push(m);
      }, 100)
    : undefined;
  const out = await new Promise((resolve, reject) => {
    const wrk = spawn('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url]);
    let text = '';
    wrk.stdout.on('data', (c) => (text += c));
    wrk.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited ${code}`))));
  });
  clearInterval(sampler);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = ms(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const p99 = ms(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors:.*/.exec(out)?.[0] ?? '';
  const avg = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : 0;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return {
    rps,
    p50,
    p99,
    non2xx,
    errors,
    rssPeak: peak,
    rssAvg: avg,
    requests,
    samples: samples.length,
    wrk: out,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Measures several targets in alternating rounds (ROUNDS slices of duration/ROUNDS seconds each,
 * so every target still gets `duration` seconds in total): on a shared machine, background load
 * then falls on all of them alike and the ratios mean something. Requests/s is the total over
 * all slices; p50/p99 are the medians of the slices' own percentiles.
 */
async function compare(targets) {
  const slices = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const t of targets) slices[t.name].push(await load(t.url, t.pid, duration / rounds));
  }
  const out = {};
  for (const t of targets) {
    const parts = slices[t.name];
    const sampled = parts.filter((p) => p.samples > 0);
    out[t.name] = {
      rps: parts.reduce((n, p) => n + p.requests, 0) / duration,
      p50: median(parts.map((p) => p.p50)),
      p99: median(parts.map((p) => p.p99)),
      non2xx: parts.reduce((n, p) => n + p.non2xx, 0),
      errors: parts
        .map((p) => p.errors)
        .filter(Boolean)
        .join('; '),
      rssPeak: Math.max(0, ...parts.map((p) => p.rssPeak)),
      rssAvg: sampled.length ? sampled.reduce((n, p) => n + p.rssAvg, 0) / sampled.length : 0,
      slices: parts.map(({ wrk: _wrk, ...rest }) => rest),
    };
  }
  return out;
}

let nextPort = 19100 + Math.floor(Math.random() * 500) * 4;
const port = () => nextPort++;

async function watchdog(env, [, command, args] = runtimes[0]) {
  const p = port();
  evict(command);
  const child = start(command, args, {
    port: String(p),
    metrics_port: '0',
    lock_file_path: join(work, `lock-${p}`),
    healthcheck_interval: '0',
    ...env,
  });
  await waitHealthy(p);
  await new Promise((r) => setTimeout(r, 1000));
  const idle = memory(child.pid);
  // The fork server (classic/streaming), a child of the watchdog, reported on its own.
  const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const helper = kids.find((k) => readFileSync(`/proc/${k}/cmdline`, 'utf8').includes('fwatchdog-spawn'));
  if (helper) idle.forkServer = memory(Number(helper));
  return { child, url: `http://127.0.0.1:${p}/`, idle };
}

/** SIGTERM, so the watchdog stops its function process too, then waits for the exit. */
async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function line(label, r) {
  const mem = r.rssPeak
    ? `  RSS under load avg ${r.rssAvg.toFixed(1)} MB, peak ${r.rssPeak.toFixed(1)} MB`
    : '';
  const bad = r.non2xx || r.errors ? `  [non-2xx ${r.non2xx}${r.errors ? `; ${r.errors}` : ''}]` : '';
  console.log(
    `${label.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms${mem}${bad}`,
  );
}

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const results = {
  loadBefore: loadAverage(),
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  node: process.version,
  duration,
  connections,
};
console.log(
  `watchdog benchmark: ${results.machine}, Node ${process.version}, wrk -t2 -c${connections}, ${duration}s per target in ${rounds} alternating slices, POST 5 bytes`,
);
console.log(`load average before: ${results.loadBefore} (other work on the machine skews every number)`);

// 1. http mode: the echo server directly, and each watchdog in front of it, alternating.
const echoPort = port();
const httpEnv = {
  mode: 'http',
  fprocess: `${process.execPath} ${join(here, 'echo-server.mjs')}`,
  upstream_url: `http://127.0.0.1:${echoPort}`,
  ECHO_PORT: String(echoPort),
};
const httpNode = await watchdog(httpEnv, runtimes[0]);
await waitPort(echoPort);
// The second watchdog's function process cannot bind the same port; it proxies to the first one's.
const httpExe = await watchdog({ ...httpEnv, fprocess: 'sleep 1000000' }, runtimes[1]);
Object.assign(
  results,
  await compare([
    { name: 'direct', url: `http://127.0.0.1:${echoPort}/` },
    { name: 'http', url: httpNode.url, pid: httpNode.child.pid },
    { name: 'httpExecutable', url: httpExe.url, pid: httpExe.child.pid },
  ]),
);
results.http.rssIdle = httpNode.idle;
results.httpExecutable.rssIdle = httpExe.idle;
line('Node echo server, direct', results.direct);
line('watchdog http mode in front of it (Node)', results.http);
line('watchdog http mode in front of it (executable)', results.httpExecutable);
await stop(httpExe.child);
await stop(httpNode.child);

// 2. classic mode: the naive server, the watchdogs in classic and in streaming mode, alternating.
const naivePort = port();
const naive = start(process.execPath, [join(here, 'naive-spawn.mjs')], { NAIVE_PORT: String(naivePort) });
await waitPort(naivePort);
const forking = {};
for (const runtime of runtimes) {
  const suffix = runtime === runtimes[0] ? '' : 'Executable';
  forking[`classic${suffix}`] = await watchdog({ fprocess: 'cat' }, runtime);
  forking[`streaming${suffix}`] = await watchdog({ fprocess: 'cat', mode: 'streaming' }, runtime);
}
Object.assign(
  results,
  await compare([
    { name: 'naive', url: `http://127.0.0.1:${naivePort}/`, pid: naive.pid },
    ...Object.entries(forking).map(([name, w]) => ({ name, url: w.url, pid: w.child.pid })),
  ]),
);
line('naive spawn-per-request Node server (cat)', results.naive);
for (const [name, w] of Object.entries(forking)) {
  results[name].rssIdle = w.idle;
  const [mode, exe] = name.split(/(?=Executable)/);
  line(`watchdog ${mode} mode, fprocess=cat (${exe ? 'executable' : 'Node'})`, results[name]);
}
await stop(naive);
for (const w of Object.values(forking)) await stop(w.child);

// The floor: an empty Node.js process on this machine, for the memory comparison.
evict(process.execPath);
const empty = start(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], {});
await new Promise((r) => setTimeout(r, 1000));
results.emptyNode = memory(empty.pid);
await stop(empty);

// 3. ratios and memory
const httpRatio = results.http.rps / results.direct.rps;
const classicRatio = results.classic.rps / results.naive.rps;
const httpExeRatio = results.httpExecutable.rps / results.direct.rps;
const classicExeRatio = results.classicExecutable.rps / results.naive.rps;
console.log('');
console.log(
  `http mode / direct:            Node ${httpRatio.toFixed(2)}x, executable ${httpExeRatio.toFixed(2)}x  (target >= 0.30x)`,
);
console.log(
  `classic mode / naive baseline: Node ${classicRatio.toFixed(2)}x, executable ${classicExeRatio.toFixed(2)}x  (target >= 2.0x)`,
);
for (const mode of [
  'classic',
  'streaming',
  'http',
  'classicExecutable',
  'streamingExecutable',
  'httpExecutable',
]) {
  const r = results[mode];
  const helper = r.rssIdle.forkServer;
  if (helper)
    console.log(
      `memory, ${mode.padEnd(19)}: + the fork server process: RSS ${helper.rss.toFixed(1)} MB (private ${helper.uss.toFixed(1)} MB)`,
    );
  console.log(
    `memory, ${mode.padEnd(19)}: idle RSS ${r.rssIdle.rss.toFixed(1)} MB (private ${r.rssIdle.uss.toFixed(1)} MB, anonymous ${r.rssIdle.anon.toFixed(1)} MB); under load RSS avg ${r.rssAvg.toFixed(1)} MB, peak ${r.rssPeak.toFixed(1)} MB  (target idle <= 35 MB)`,
  );
}
console.log(
  `memory, an empty Node.js process (the floor): RSS ${results.emptyNode.rss.toFixed(1)} MB (private ${results.emptyNode.uss.toFixed(1)} MB)`,
);
results.ratios = {
  httpOverDirect: httpRatio,
  classicOverNaive: classicRatio,
  executableHttpOverDirect: httpExeRatio,
  executableClassicOverNaive: classicExeRatio,
};
results.loadAfter = loadAverage();
console.log(`load average after: ${results.loadAfter}`);
const dir = join(repo, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `watchdog-${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`\nraw results: ${file}`);
process.exit(0);
