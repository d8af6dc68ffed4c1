/* global fetch */
// Cold start on Docker Swarm through the real stack (scale from zero), with the local provider's cold
// start in the same run as the baseline. See bench/README.md, "Autoscaling".
//   1. local: the platform as `npm start` runs it (gateway + local provider, in this process),
//      `cat` at 0 replicas → first response, ROUNDS times
//   2. swarm: deploy/swarm/up.sh --offline --no-build --stack $STACK --port $PORT (its own stack
//      beside any other), faas/fn-cat deployed at 0 replicas with the scale-from-zero labels, the
//      same rounds through the stack's gateway; each round starts once Docker has removed the last
//      container. Then the replica start alone: scale 0 → 1 through the gateway, status polled
//      every 10 ms until available.
//   Removes its function and its stack at the end (never down.sh: that removes every function).
// The swarm is shared: run it under the lock, after building the images outside it:
//   sh deploy/swarm/build-images.sh --offline && npm run build
//   flock /tmp/swarm.lock node bench/autoscale/swarm.mjs       (ROUNDS=5 STACK=faasbench PORT=8092)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlatform } from '@faas/platform';
import { createLogger } from '@faas/service-kit';
import { coldStarts, faasClient, sleep, stats, writeResults } from './cold-start.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const rounds = Number(process.env.ROUNDS ?? 10);
const stack = process.env.STACK ?? 'faasbench';
const port = Number(process.env.PORT ?? 8092);
const fn = process.env.FUNCTION ?? 'bench-cold-cat';
const log = (...args) => console.log(...args);
const loadAtStart = loadavg();
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const results = {};

// --- local provider baseline ----------------------------------------------------------------
{
  const work = mkdtempSync(join(tmpdir(), 'bench-swarm-local-'));
  const platform = await startPlatform(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      port: '0',
      provider_port: '0',
      faas_state_dir: join(work, 'faas'),
      log_level: 'warn',
    },
    (name) => createLogger({ name, level: 'warn' }),
  );
  try {
    const password = readFileSync(platform.credentials.passwordFile, 'utf8').trim();
    const client = faasClient(platform.gatewayUrl, platform.credentials.user, password);
    const res = await fetch(`${platform.gatewayUrl}/system/functions`, {
      method: 'POST',
      headers: client.json,
      body: JSON.stringify({
        service: 'cat',
        image: 'local/cat',
        envProcess: 'cat',
        labels: { 'com.openfaas.scale.min': '0' },
      }),
    });
    if (res.status !== 202) throw new Error(`deploy cat: ${res.status} ${await res.text()}`);
    log('local provider: cold start rounds');
    results.localColdStartMs = stats(
      await coldStarts({ gateway: platform.gatewayUrl, client, name: 'cat', rounds, log }),
    );
    log('local provider cold start (first request → response)', results.localColdStartMs);
  } finally {
    await platform.stop(5_000);
    rmSync(work, { recursive: true, force: true });
  }
}

// --- Swarm ------------------------------------------------------------------------------------
const gateway = `http://127.0.0.1:${port}`;
const containersOf = (service) =>
  docker('ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${service}`);
try {
  log(`swarm: deploying stack ${stack} on port ${port}`);
  execFileSync(
    'sh',
    [
      join(repo, 'deploy', 'swarm', 'up.sh'),
      '--offline',
      '--no-build',
      '--stack',
      stack,
      '--port',
      String(port),
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const gatewayContainer = containersOf(`${stack}_gateway`).split('\n')[0];
  const password = docker('exec', gatewayContainer, 'cat', '/run/secrets/basic-auth-password');
  const client = faasClient(gateway, 'admin', password);
  const res = await fetch(`${gateway}/system/functions`, {
    method: 'POST',
    headers: client.json,
    body: JSON.stringify({
      service: fn,
      image: 'faas/fn-cat:latest',
      labels: {
        'com.openfaas.scale.min': '0',
        'com.openfaas.scale.zero': 'true',
        'com.openfaas.scale.zero-duration': '15m',
      },
    }),
  });
  if (res.status !== 202) throw new Error(`deploy ${fn}: ${res.status} ${await res.text()}`);
  const noContainer = async () => {
    for (let i = 0; containersOf(fn) !== ''; i++) {
      if (i > 120) throw new Error(`${fn}: containers left after 60 s`);
      await sleep(500);
    }
  };
  log('swarm: cold start rounds');
  results.swarmColdStartMs = stats(
    await coldStarts({ gateway, client, name: fn, rounds, atZero: noContainer, log }),
  );
  log('swarm cold start (first request → response)', results.swarmColdStartMs);

  const replicaStart = [];
  for (let i = 0; i < rounds; i++) {
    await client.waitFor(fn, (s) => s.availableReplicas === 0, 60_000);
    await noContainer();
    await client.scale(fn, 1);
    replicaStart.push(await client.waitFor(fn, (s) => s.availableReplicas > 0, 60_000, 10));
    await client.scale(fn, 0);
  }
  results.swarmReplicaStartMs = stats(replicaStart);
  log('swarm replica start through the gateway (scale 0 → 1 until available)', results.swarmReplicaStartMs);
} finally {
  try {
    docker('service', 'rm', fn);
  } catch {
    // never deployed
  }
  try {
    docker('stack', 'rm', stack);
  } catch {
    // never deployed
  }
  for (
    let i = 0;
    i < 90 &&
    (containersOf(fn) || docker('ps', '-aq', '--filter', `label=com.docker.stack.namespace=${stack}`));
    i++
  )
    await sleep(1_000);
  log(`swarm: removed ${fn} and stack ${stack}`);
}

writeResults('autoscale-swarm', loadAtStart, { rounds, stack, results });
process.exit(0);
