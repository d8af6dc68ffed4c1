// Function runtime on the real Swarm stack, run inside swarm-stack.test.ts so one
// stack deploy serves it: what a function's log looks like through the gateway (text, not JSON), and that a
// call made once an update has returned and the function is ready sees the new version — never a
// replica Swarm is shutting down or one made from the old spec.
import { until } from '@faas/service-kit/testing';
import type { GatewayClient } from './swarm-support.js';

/** A log line as `GET /system/logs` streams it (NDJSON). */
interface LogLine {
  name: string;
  instance: string;
  timestamp: string;
  text: string;
}

/** `2026/12/07 15:04:05 ` — the timestamp the watchdog's own lines start with (Go's log format). */
const STAMP = String.raw`\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} `;

/** Rounds of secret update + function update + calls (before the fix, ~1 in 5 served the old value). */
const ROUNDS = Number(process.env.FAAS_E2E_ROLLOUT_ROUNDS ?? 10);

/** Calls made in each round once the function is ready again. */
const CALLS_PER_ROUND = 20;

/** Registers the runtime suite. */
export function describeSwarmRuntime(gateway: GatewayClient): void {
  const logLines = (query: string) => gateway.logLines<LogLine>(query);

  describe('function runtime', () => {
    it("serves a function's log as the text its watchdog wrote, as faas-cli and the certifier read it", async () => {
      const name = 'rt-logger';
      await gateway.deploy({ service: name, image: 'faas/fn-sha512sum:latest' });
      await gateway.invokeUntilOk(name, 'warm', 60_000);
      const res = await gateway.invoke(name, '');
      expect(res.status).toBe(200);
      expect(await res.text()).toHaveLength(132);
      const last = await until(
        'the call in the log',
        async () => {
          const lines = await logLines(`name=${name}&tail=2`);
          return lines.length === 2 && /Wrote 132 Bytes/.test(lines[1]?.text ?? '') ? lines : undefined;
        },
        15_000,
        250,
      );
      expect(last.map((l) => l.text)).toEqual([
        expect.stringMatching(new RegExp(`^${STAMP}Forking fprocess\\.$`)),
        expect.stringMatching(new RegExp(`^${STAMP}Wrote 132 Bytes - Duration: \\d+\\.\\d+s$`)),
      ]);
      expect(last.every((l) => l.name === name && l.instance !== '')).toBe(true);
    }, 120_000);

    it(`serves the new secret value to every call once a secret update and a function update have returned and the function is ready (${ROUNDS} rounds)`, async () => {
      const name = 'rt-rollout';
      const secret = 'rt-rollout-token';
      await gateway.system('DELETE', '/system/functions', { functionName: name });
      await gateway.system('DELETE', '/system/secrets', { name: secret });
      expect((await gateway.system('POST', '/system/secrets', { name: secret, value: 'v0' })).status).toBe(
        201,
      );
      const deployment = {
        service: name,
        image: 'faas/watchdog:latest',
        envProcess: `cat /var/openfaas/secrets/${secret}`,
        secrets: [secret],
      };
      await gateway.deploy(deployment);
      expect(await gateway.invokeUntilOk(name, '', 60_000)).toBe('v0');
      const stale: string[] = [];
      const readyAfter: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const value = `v${round}`;
        const updated = await gateway.system('PUT', '/system/secrets', { name: secret, value });
        expect([200, 202]).toContain(updated.status);
        await gateway.deploy({ ...deployment, envVars: { round: String(round) } }, 'PUT');
        const returned = Date.now();
        await until(
          `${name} ready after round ${round}`,
          async () => (((await gateway.status(name))?.availableReplicas as number) > 0 ? true : undefined),
          60_000,
          100,
        );
        readyAfter.push(Date.now() - returned);
        for (let call = 0; call < CALLS_PER_ROUND; call++) {
          const seen = await gateway.invoke(name, '').then(
            async (res) => `${res.status} ${JSON.stringify(await res.text())}`,
            (err: Error) => `no answer (${String((err.cause as Error | undefined)?.message ?? err.message)})`,
          );
          if (seen !== `200 ${JSON.stringify(value)}`)
            stale.push(`round ${round}, call ${call + 1}: ${seen}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      console.log(
        `swarm e2e: ${ROUNDS} rounds of secret + function update, ready ${Math.min(...readyAfter)}–${Math.max(...readyAfter)} ms after the update returned; ${stale.length} of ${ROUNDS * CALLS_PER_ROUND} calls after ready saw something else`,
      );
      expect(stale).toEqual([]);
      await gateway.system('DELETE', '/system/functions', { functionName: name });
    }, 600_000);
  });
}
