/* global fetch */
// The gateway benchmark, in one run on loopback (see bench/README.md, "Gateway"):
//   direct      wrk → a Node echo server
//   watchdog    wrk → our watchdog (http mode) → echo                    (one hop, for reference)
//   chain       wrk → our gateway → our watchdog (http mode) → echo      (the platform as `npm start` runs it:
//               gateway and local provider in one process; the gateway proxies straight to the replica)
//   chain-own-process  the same with the gateway in its own process, as the Swarm and Kubernetes
//               stacks run it (the provider, queue and worker do not share its event loop)
//               Its row also reports CPU per call of each process below the platform (the gateway's
//               process, the watchdog, the function) from /proc/<pid>/stat.
//   via-provider  wrk → a second gateway process with direct_invocation=false → local provider's
//               /function/ proxy → watchdog → echo (OpenFaaS's shape; our fallback path)
//   provider    wrk → local provider's /function/ proxy → watchdog → echo (one hop, for reference)
//   lean / http-proxy   wrk → a bare proxy process (one engine each) → watchdog → echo
// wrk -t2 -c20, POST of a 5-byte body, DURATION seconds (default 10) per measurement.
// Usage: npm run build && node bench/gateway/run.mjs      (DURATION=3 for a quick look; ROUNDS=3 interleaves)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, repo, start, startPlatform, stopAll, until } from '../lib/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const duration = Number(process.env.DURATION ?? 10);
const rounds = Number(process.env.ROUNDS ?? 1);
const loadAtStart = loadavg();
const work = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
const script = join(work, 'post.lua');
writeFileSync(
  script,
  'wrk.method = "POST"\nwrk.body = "hello"\nwrk.headers["Content-Type"] = "text/plain"\n',
);

process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

function ms(text) {
  const m = /([\d.]+)(us|ms|s)\b/.exec(text);
  return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
}

/** utime and stime of a process, in clock ticks (10 ms). */
function cpuTimes(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) };
}

/** utime + stime of a process, in clock ticks (10 ms). */
function cpuTicks(pid) {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** `pid` and every process below it. */
function processTree(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  for (const queue = [pid]; queue.length > 0;) {
    const next = queue.shift();
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

function commandOf(pid) {
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  return argv
    .map((a) => a.replace(/^.*\//, ''))
    .join(' ')
    .slice(0, 60);
}

function wrk(url, seconds) {
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', ['-t2', '-c20', `-d${seconds}s`, '--latency', '-s', script, url]);
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', () => {
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
      const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
      const p50 = ms(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? '');
      const p99 = ms(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
      const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
      const socketErrors = /Socket errors: (.*)/.exec(out)?.[1] ?? 'none';
      resolve({ rps, requests, p50, p99, errors: Number(errors), socketErrors, raw: out });
    });
  });
}

async function main() {
  // 1. The echo upstream for the direct baseline.
  const directPort = await freePort();
  start([join(here, 'echo-upstream.mjs')], { ECHO_PORT: String(directPort) });

  // 2. The platform as `npm start` runs it, with known credentials.
  const fnPort = await freePort();
  const { gateway, provider, secrets, auth, process: platformProcess, deploy } = await startPlatform(work);

  // 3. The function: our watchdog in http mode in front of the same echo server.
  await deploy({
    service: 'echo',
    image: 'bench/echo:latest',
    envProcess: `${process.execPath} ${join(here, 'echo-upstream.mjs')}`,
    envVars: { mode: 'http', upstream_url: `http://127.0.0.1:${fnPort}`, ECHO_PORT: String(fnPort) },
  });
  let watchdogUrl;
  await until('a ready replica', async () => {
    const res = await fetch(`${provider}/system/endpoints/echo`, { headers: auth });
    watchdogUrl = res.ok ? (await res.json()).endpoints[0]?.url : undefined;
    return watchdogUrl && (await fetch(`${gateway}/function/echo`, { method: 'POST', body: 'hello' })).ok;
  });

  // 4. A second gateway that always goes through the provider's proxy.
  const viaProviderPort = await freePort();
  const viaProviderProcess = start([join(repo, 'gateway/dist/src/main.js')], {
    port: String(viaProviderPort),
    functions_provider_url: provider,
    direct_invocation: 'false',
    secret_mount_path: secrets,
    log_level: 'warn',
  });
  const viaProvider = `http://127.0.0.1:${viaProviderPort}/function/echo`;
  await until('the second gateway', async () => (await fetch(viaProvider, { method: 'POST', body: 'x' })).ok);

  // 5. A gateway in its own process (as the Swarm and Kubernetes stacks run it), direct to the
  //    same replica: the chain without the provider, queue and worker sharing its event loop.
  const ownPort = await freePort();
  const ownProcess = start([join(repo, 'gateway/dist/src/main.js')], {
    port: String(ownPort),
    functions_provider_url: provider,
    secret_mount_path: secrets,
    log_level: 'warn',
  });
  const own = `http://127.0.0.1:${ownPort}/function/echo`;
  await until(
    'the gateway in its own process',
    async () => (await fetch(own, { method: 'POST', body: 'x' })).ok,
  );

  // 6. Bare proxy processes, one per engine, in front of the same watchdog.
  const engines = {};
  const enginePids = {};
  for (const engine of ['lean', 'http-proxy']) {
    const port = await freePort();
    enginePids[engine] = start([join(here, 'proxy-engines.mjs')], {
      ENGINE: engine,
      TARGET: watchdogUrl,
      PROXY_PORT: String(port),
    });
    enginePids[engine] = enginePids[engine].pid;
    engines[engine] = `http://127.0.0.1:${port}/`;
    await until(
      `the ${engine} proxy`,
      async () => (await fetch(engines[engine], { method: 'POST', body: 'x' })).ok,
    );
  }

  const targets = [
    ['direct', `http://127.0.0.1:${directPort}/`],
    ['watchdog', `${watchdogUrl}/`],
    ['chain', `${gateway}/function/echo`, platformProcess.pid],
    ['chain-own-process', own, ownProcess.pid],
    ['via-provider', viaProvider, viaProviderProcess.pid],
    ['provider', `${provider}/function/echo`, platformProcess.pid],
    ['lean', engines.lean, enginePids.lean],
    ['http-proxy', engines['http-proxy'], enginePids['http-proxy']],
  ];
  // ROUNDS > 1 interleaves the targets round by round (drift on a busy machine hits them all
  // alike) and reports each target's median round.
  const runs = Object.fromEntries(targets.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, url, pid] of targets) {
      await wrk(url, 2); // warm-up
      const before = pid ? cpuTicks(pid) : 0;
      // The chain, process by process: the platform (gateway), the watchdog, the function.
      const tree = name === 'chain' ? processTree(pid) : [];
      const treeBefore = tree.map((p) => cpuTimes(p));
      const r = await wrk(url, duration);
      // CPU time of the first hop's process per request: robust to a busy machine, unlike req/s.
      if (pid) r.cpuUsPerRequest = ((cpuTicks(pid) - before) * 10_000) / r.requests;
      r.breakdown = tree.map((p, i) => {
        const now = cpuTimes(p);
        const perCall = (ticks) => Number(((ticks * 10_000) / r.requests).toFixed(1));
        return {
          process: commandOf(p),
          userUs: perCall(now.user - treeBefore[i].user),
          systemUs: perCall(now.system - treeBefore[i].system),
        };
      });
      runs[name].push(r);
      console.error(
        `${name.padEnd(13)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`,
      );
    }
  }
  const median = (list) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)];
  const results = Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, median(list)]));
  const direct = results.direct.rps;
  const table = [
    '| path | req/s | × direct | p50 ms | p99 ms | first hop CPU µs/req |',
    '|---|---:|---:|---:|---:|---:|',
    ...targets.map(([name]) => {
      const r = results[name];
      const cpu = r.cpuUsPerRequest === undefined ? '' : r.cpuUsPerRequest.toFixed(0);
      return `| ${name} | ${r.rps.toFixed(0)} | ${(r.rps / direct).toFixed(3)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${cpu} |`;
    }),
  ].join('\n');
  console.log(table);
  console.log('\nchain, CPU per call by process (µs, user + system):');
  for (const b of results.chain.breakdown.filter((b) => b.userUs + b.systemUs > 0.5))
    console.log(
      `  ${(b.userUs + b.systemUs).toFixed(1).padStart(6)} = ${b.userUs} + ${b.systemUs}  ${b.process}`,
    );
  console.log(`\nratio chain/direct: ${(results.chain.rps / direct).toFixed(3)} (target ≥ 0.16)`);
  console.log(
    `ratio chain-own-process/direct: ${(results['chain-own-process'].rps / direct).toFixed(3)} (the gateway as the stacks deploy it)`,
  );

  mkdirSync(join(repo, 'bench', 'results'), { recursive: true });
  const file = join(
    repo,
    'bench',
    'results',
    `gateway-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpus().length,
        loadavg: { start: loadAtStart, end: loadavg() },
        rounds,
        duration,
        results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, raw: undefined }])),
      },
      null,
      2,
    ),
  );
  console.log(`results: ${file}`);
}

let code = 0;
try {
  await main();
} catch (err) {
  console.error(err);
  code = 1;
}
await stopAll();
process.exit(code);
