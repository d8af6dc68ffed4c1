/* global fetch, URL */
// The autoscaling benchmark (see bench/README.md, "Autoscaling"), on the platform as `npm start`
// runs it (gateway with scaling + local provider, in this process), in one run:
//   cold start   `cat` at 0 replicas → first response, ROUNDS times (cold-start.mjs; swarm.mjs does
//                the same on Docker Swarm); beside it the local provider's
//                own replica start (scale 0 → 1 until /system/function says ready, polled every 10 ms)
//   reaction     built-in autoscaler, target 2, a step to 10 closed-loop clients on a 0.2 s function:
//                time until 5 replicas are ready; then scale-down: load stopped → back to min
//   idle         a function labelled zero=true, zero-duration 5s: last response → 0 replicas
//   alert        (when prometheus and prometheus-alertmanager are installed) the same kind of load
//                through deploy/monitoring's rule and route, Prometheus scraping every 5s as the
//                deployments do: load start → first step, → max; load stop → min
// Usage: npm run build && node bench/autoscale/run.mjs    (ROUNDS=3 SKIP_ALERT=1 for a quick look)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '@faas/platform';
import { createLogger, freePort } from '@faas/service-kit';
import { coldStarts, faasClient, sleep, stats, writeResults } from './cold-start.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const monitoring = join(here, '..', '..', 'deploy', 'monitoring');
const rounds = Number(process.env.ROUNDS ?? 10);
const stableWindowS = Number(process.env.STABLE_WINDOW ?? 20);
const work = mkdtempSync(join(tmpdir(), 'bench-autoscale-'));
const loadAtStart = loadavg();
const log = (...args) => console.log(...args);

const platform = await startPlatform(
  {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    port: '0',
    provider_port: '0',
    faas_state_dir: join(work, 'faas'),
    autoscaler_stable_window: `${stableWindowS}s`,
    log_level: 'warn',
  },
  (name) => createLogger({ name, level: 'warn' }),
);
const gw = platform.gatewayUrl;
const password = readFileSync(platform.credentials.passwordFile, 'utf8').trim();
const auth = {
  authorization: `Basic ${Buffer.from(`${platform.credentials.user}:${password}`).toString('base64')}`,
};
const json = { ...auth, 'content-type': 'application/json' };

async function status(name, base = gw) {
  return (await fetch(`${base}/system/function/${name}`, { headers: auth })).json();
}
async function waitFor(name, check, ms, everyMs = 50, base = gw) {
  const begun = performance.now();
  for (;;) {
    const s = await status(name, base);
    if (check(s)) return performance.now() - begun;
    if (performance.now() - begun > ms)
      throw new Error(`${name}: timed out after ${ms} ms (${JSON.stringify(s)})`);
    await sleep(everyMs);
  }
}
async function deploy(service, envProcess, labels) {
  const res = await fetch(`${gw}/system/functions`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ service, image: `local/${service}`, envProcess, labels }),
  });
  if (res.status !== 202) throw new Error(`deploy ${service}: ${res.status} ${await res.text()}`);
  if (labels['com.openfaas.scale.min'] !== '0')
    await waitFor(service, (s) => s.availableReplicas > 0, 60_000);
}
async function scale(name, replicas, base = gw) {
  const res = await fetch(`${base}/system/scale-function/${name}`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ serviceName: name, replicas }),
  });
  if (res.status !== 202 && res.status !== 200) throw new Error(`scale ${name}: ${res.status}`);
}
function load(url, clients, pauseMs = 0) {
  let running = true;
  const statuses = {};
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      const res = await fetch(url, { method: 'POST', body: 'load' }).catch(() => undefined);
      await res?.arrayBuffer();
      statuses[res?.status ?? 0] = (statuses[res?.status ?? 0] ?? 0) + 1;
      if (pauseMs) await sleep(pauseMs);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    return statuses;
  };
}
const results = {};
try {
  // --- cold start ------------------------------------------------------------------------------
  await deploy('cat', 'cat', { 'com.openfaas.scale.min': '0' });
  const coldStart = await coldStarts({
    gateway: gw,
    client: faasClient(gw, platform.credentials.user, password),
    name: 'cat',
    rounds,
  });
  // The provider alone: scale to 1, poll its status every 10 ms until the replica is ready.
  const replicaStart = [];
  for (let i = 0; i < rounds; i++) {
    await waitFor('cat', (s) => s.availableReplicas === 0, 30_000, 50, platform.providerUrl);
    await sleep(300);
    await scale('cat', 1, platform.providerUrl);
    replicaStart.push(await waitFor('cat', (s) => s.availableReplicas > 0, 30_000, 10, platform.providerUrl));
    await scale('cat', 0);
  }
  results.coldStartMs = stats(coldStart);
  results.providerReplicaStartMs = stats(replicaStart);
  log('cold start (first request → response)', results.coldStartMs);
  log('local provider replica start (scale → ready)', results.providerReplicaStartMs);

  // --- reaction and scale-down of the built-in autoscaler -------------------------------------
  await deploy('steady', 'sleep 0.2', { 'com.openfaas.scale.target': '2', 'com.openfaas.scale.max': '8' });
  await sleep(stableWindowS * 1000); // it scales down only after watching a whole stable window
  const decided = [];
  const reaction = [];
  const down = [];
  for (let i = 0; i < Math.min(3, rounds); i++) {
    const metrics = await (await fetch(`${gw}/metrics`)).text();
    const observed = [
      ...metrics.matchAll(
        /gateway_scaling_observed_concurrency\{function_name="steady.openfaas-fn",window="(\w+)"\} (\S+)/g,
      ),
    ];
    log(
      `  round ${i}: before the step the autoscaler sees ${observed.map((m) => `${m[1]} ${m[2]}`).join(', ')}`,
    );
    const stop = load(`${gw}/function/steady`, 10);
    decided.push(await waitFor('steady', (s) => s.replicas >= 5, 60_000, 20));
    reaction.push(decided.at(-1) + (await waitFor('steady', (s) => s.availableReplicas >= 5, 60_000, 20)));
    await sleep(3_000);
    const statuses = await stop();
    down.push(await waitFor('steady', (s) => s.replicas === 1, (stableWindowS + 30) * 1000, 100));
    log(
      `  round ${i}: 5 asked for after ${Math.round(decided.at(-1))} ms, ready after ${Math.round(reaction.at(-1))} ms, back to 1 after ${Math.round(down.at(-1))} ms`,
      statuses,
    );
    await sleep(stableWindowS * 1000); // a quiet stable window: the next step starts from no history
  }
  results.autoscalerDecisionMs = stats(decided);
  results.autoscalerReactionMs = stats(reaction);
  results.autoscalerScaleDownMs = { ...stats(down), stableWindowS };
  log('built-in autoscaler: 10 clients, target 2 → 5 ready', results.autoscalerReactionMs);
  log(
    `built-in autoscaler: load stopped → min (stable window ${stableWindowS} s)`,
    results.autoscalerScaleDownMs,
  );

  // --- idle to zero ------------------------------------------------------------------------------
  await deploy('sleepy', 'cat', {
    'com.openfaas.scale.zero': 'true',
    'com.openfaas.scale.zero-duration': '5s',
  });
  await (await fetch(`${gw}/function/sleepy`, { method: 'POST', body: 'x' })).text();
  results.idleToZeroMs = {
    ...stats([await waitFor('sleepy', (s) => s.replicas === 0, 60_000)]),
    zeroDurationS: 5,
  };
  log('idle to zero (zero-duration 5 s): last response → 0 replicas', results.idleToZeroMs);

  // --- AlertManager path -------------------------------------------------------------------------
  const have = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!process.env.SKIP_ALERT && have('prometheus') && have('prometheus-alertmanager')) {
    results.alert = await alertPath();
    log('alert path (scrape/evaluate every 5 s, stock AlertManager timings)', results.alert);
  } else log('alert path skipped (SKIP_ALERT, or prometheus/prometheus-alertmanager missing)');
} finally {
  await platform.stop(5_000);
}

async function alertPath() {
  const dir = join(work, 'monitoring');
  mkdirSync(dir);
  const [amPort, promPort] = [await freePort(), await freePort()];
  writeFileSync(
    join(dir, 'alertmanager.yml'),
    readFileSync(join(monitoring, 'alertmanager.yml'), 'utf8')
      .replaceAll('http://gateway:8080', gw)
      .replaceAll('/run/secrets/basic-auth-password', platform.credentials.passwordFile),
  );
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 5s, evaluation_interval: 5s }\nrule_files: [${JSON.stringify(join(monitoring, 'alert.rules.yml'))}]\n` +
      `alerting: { alertmanagers: [{ static_configs: [{ targets: ["127.0.0.1:${amPort}"] }] }] }\n` +
      `scrape_configs: [{ job_name: gateway, static_configs: [{ targets: [${JSON.stringify(new URL(gw).host)}] }] }]\n`,
  );
  const daemons = [
    spawn(
      'prometheus-alertmanager',
      [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'am')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
      ],
      { stdio: 'ignore' },
    ),
    spawn(
      'prometheus',
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'prom')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ],
      { stdio: 'ignore' },
    ),
  ];
  try {
    for (const port of [amPort, promPort]) {
      for (let i = 0; ; i++) {
        if ((await fetch(`http://127.0.0.1:${port}/-/ready`).catch(() => undefined))?.ok) break;
        if (i > 300) throw new Error(`port ${port} not ready`);
        await sleep(100);
      }
    }
    await deploy('alerted', 'cat', { 'com.openfaas.scale.max': '4', 'com.openfaas.scale.factor': '50' });
    const stop = load(`${gw}/function/alerted`, 3, 20);
    const firstStep = await waitFor('alerted', (s) => s.replicas >= 3, 180_000, 200);
    const toMax = firstStep + (await waitFor('alerted', (s) => s.replicas === 4, 180_000, 200));
    const statuses = await stop();
    const toMin = await waitFor('alerted', (s) => s.replicas === 1, 180_000, 200);
    return {
      firstStepMs: Math.round(firstStep),
      maxMs: Math.round(toMax),
      minAfterStopMs: Math.round(toMin),
      statuses,
    };
  } finally {
    for (const d of daemons) d.kill('SIGTERM');
  }
}

writeResults('autoscale', loadAtStart, { rounds, results });
rmSync(work, { recursive: true, force: true });
process.exit(0);
