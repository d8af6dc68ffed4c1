/* global fetch, setTimeout */
// Cold-start rounds and the results file, shared by run.mjs (local provider) and swarm.mjs (Docker Swarm): a function at
// 0 replicas, one POST through the gateway (which scales it from zero and waits for a ready
// replica) → its response; then back to 0, and the next round once no replica is left and the
// gateway's endpoint cache for it has expired, as it has for an idled function.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Status, polling and scaling against one gateway (or provider) with basic auth. */
export function faasClient(base, user, password) {
  const auth = { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const client = {
    auth,
    json,
    async status(name) {
      return (await fetch(`${base}/system/function/${name}`, { headers: auth })).json();
    },
    /** Polls the status every `everyMs` until `check` holds; the time it took, ms. */
    async waitFor(name, check, ms, everyMs = 50) {
      const begun = performance.now();
      for (;;) {
        const s = await client.status(name);
        if (check(s)) return performance.now() - begun;
        if (performance.now() - begun > ms)
          throw new Error(`${name}: timed out after ${ms} ms (${JSON.stringify(s)})`);
        await sleep(everyMs);
      }
    },
    async scale(name, replicas) {
      const res = await fetch(`${base}/system/scale-function/${name}`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ serviceName: name, replicas }),
      });
      if (res.status !== 202 && res.status !== 200) throw new Error(`scale ${name}: ${res.status}`);
    },
  };
  return client;
}

/**
 * `rounds` cold starts of `name` through `gateway`; `atZero()` resolves once the function has no
 * replica left at all (default: the status says 0 available). Returns the times, ms.
 */
export async function coldStarts({ gateway, client, name, rounds, atZero, log = () => {} }) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    await client.waitFor(name, (s) => s.availableReplicas === 0 && s.replicas === 0, 60_000);
    if (atZero) await atZero();
    // A manual scale to 0 does not reach the gateway's endpoint cache (2 s fresh + 2 s stale):
    // wait it out, so the request finds the function at zero as an idled one would be.
    await sleep(4_500);
    const begun = performance.now();
    const res = await fetch(`${gateway}/function/${name}`, { method: 'POST', body: `round ${i}` });
    const text = await res.text();
    times.push(performance.now() - begun);
    if (res.status !== 200 || text !== `round ${i}`) throw new Error(`cold start: ${res.status} ${text}`);
    log(`  round ${i}: ${Math.round(times.at(-1))} ms`);
    await client.scale(name, 0);
  }
  return times;
}

/** n, min, p50, p90, max of a list of times, rounded to ms. */
export function stats(list) {
  const s = [...list].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {
    n: s.length,
    min: Math.round(s[0]),
    p50: Math.round(at(0.5)),
    p90: Math.round(at(0.9)),
    max: Math.round(s.at(-1)),
  };
}

/** Logs the machine and writes `{ machine, ...data }` to bench/results/<prefix>-<time>.json. */
export function writeResults(prefix, loadAtStart, data) {
  const machine = {
    cpus: cpus().length,
    model: cpus()[0]?.model,
    node: process.version,
    loadAtStart,
    loadAtEnd: loadavg(),
  };
  console.log('machine', machine);
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify({ machine, ...data }, null, 2),
  );
}
