/* global URL, setInterval, clearInterval, performance, fetch, setTimeout */
// What splitting `npm start` into processes would cost (docs/decisions.md, "npm start: one
// process"): start time, RSS and an invocation's latency through the chain, for the platform as
// one process (gateway + local provider + worker) against the gateway and the local provider as
// two processes. Needs `npm run build`. Usage: node bench/platform-split.mjs [rounds] [calls]
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@faas/service-kit';

const root = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[2] ?? 5);
const calls = Number(process.argv[3] ?? 2000);

const rssKiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

function launch(entry, env) {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const seen = (text) =>
    new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (out.includes(text)) resolve(clearInterval(timer));
        else if (child.exitCode !== null) reject(new Error(`${entry} exited:\n${out}`), clearInterval(timer));
      }, 5);
    });
  return { child, seen };
}

async function site() {
  const dir = mkdtempSync(join(tmpdir(), 'faas-split-'));
  mkdirSync(join(dir, 'secrets'));
  writeFileSync(join(dir, 'secrets', 'basic-auth-user'), 'admin\n');
  writeFileSync(join(dir, 'secrets', 'basic-auth-password'), 'bench-password\n');
  return { dir, auth: `Basic ${Buffer.from('admin:bench-password').toString('base64')}` };
}

/** The platform as npm start runs it: one process. */
async function oneProcess(s) {
  const port = await freePort();
  const started = performance.now();
  const p = launch(join(root, 'platform/dist/src/main.js'), {
    port: String(port),
    secret_mount_path: join(s.dir, 'secrets'),
    faas_state_dir: join(s.dir, 'state'),
  });
  await p.seen('faas is running');
  return { url: `http://127.0.0.1:${port}`, startMs: performance.now() - started, processes: [p.child] };
}

/** The local provider and the gateway as two processes (no async: the embedded queue is one process's). */
async function twoProcesses(s) {
  const [port, providerPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const provider = launch(join(root, 'provider-local/dist/src/main.js'), {
    port: String(providerPort),
    bind_address: '127.0.0.1',
    data_dir: join(s.dir, 'local'),
    secret_mount_path: join(s.dir, 'secrets'),
  });
  await provider.seen('listening');
  const gateway = launch(join(root, 'gateway/dist/src/main.js'), {
    port: String(port),
    functions_provider_url: `http://127.0.0.1:${providerPort}`,
    secret_mount_path: join(s.dir, 'secrets'),
  });
  await gateway.seen('gateway listening');
  return {
    url: `http://127.0.0.1:${port}`,
    startMs: performance.now() - started,
    processes: [gateway.child, provider.child],
  };
}

async function measure(layout) {
  const s = await site();
  const run = await layout(s);
  try {
    const idleKiB = run.processes.reduce((sum, c) => sum + rssKiB(c.pid), 0);
    const headers = { authorization: s.auth, 'content-type': 'application/json' };
    const deploy = await fetch(`${run.url}/system/functions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ service: 'cat', image: 'faas/cat', envProcess: 'cat' }),
    });
    if (deploy.status !== 202) throw new Error(`deploy: ${deploy.status} ${await deploy.text()}`);
    for (;;) {
      const res = await fetch(`${run.url}/function/cat`, { method: 'POST', body: 'x' });
      await res.text();
      if (res.status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const times = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      const res = await fetch(`${run.url}/function/cat`, { method: 'POST', body: 'x' });
      await res.text();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const loadedKiB = run.processes.reduce((sum, c) => sum + rssKiB(c.pid), 0);
    return {
      startMs: run.startMs,
      idleMiB: idleKiB / 1024,
      loadedMiB: loadedKiB / 1024,
      p50Ms: times[Math.floor(times.length / 2)],
      p99Ms: times[Math.floor(times.length * 0.99)],
    };
  } finally {
    for (const c of run.processes) c.kill('SIGTERM');
    await Promise.all(
      run.processes.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
    );
    rmSync(s.dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, layout] of [
  ['one process (npm start)', oneProcess],
  ['gateway + provider, two processes', twoProcesses],
]) {
  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await measure(layout));
  const m = (key) => median(results.map((r) => r[key])).toFixed(key.endsWith('Ms') ? 2 : 1);
  console.log(
    `${name}: start ${m('startMs')} ms, RSS idle ${m('idleMiB')} MiB, after ${calls} calls ${m('loadedMiB')} MiB, ` +
      `latency p50 ${m('p50Ms')} ms, p99 ${m('p99Ms')} ms (median of ${rounds})`,
  );
}
