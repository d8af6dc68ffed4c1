// Suite shapes written once for the orchestrators (swarm-stack.test.ts, kubernetes-platform.test.ts),
// each passing its own gateway and limits: the conformance kit's gateway-only skips, deploy to
// first invocation, and schemathesis over the gateway and the provider.
import type { ConformanceSkip } from '@faas/contracts/conformance';
import { describeWith } from '@faas/e2e';
import { describeSchemathesis, schemathesis } from './schemathesis-support.js';
import type { GatewayClient } from './swarm-support.js';

/** Conformance cases that are provider routes the gateway answers itself (or not at all). */
export const GATEWAY_OWN_ROUTES: ConformanceSkip[] = [
  {
    reason:
      'the gateway answers its own /system/info (GatewayInfo wrapping the provider) and /metrics (gateway_* metrics); the provider cases run against the provider below',
    tests: ['info', 'metrics'],
  },
  {
    reason:
      '/system/endpoints is a provider route the gateway uses itself, not a gateway route (contracts/openapi.yaml)',
    tests: ['endpoints-optional'],
  },
];

/** Deploy → first 200 through the gateway, for one function and for ten at once. */
export function describeDeployTiming(target: {
  /** `swarm` or `kubernetes`: the prefix of the measured lines (bench/README). */
  platform: string;
  gateway: GatewayClient;
  /** The limit for one function, and for the last of ten. */
  oneWithinMs: number;
  tenWithinMs: number;
}): void {
  const { gateway, platform } = target;
  describe('deploy to first invocation', () => {
    const names = ['bench-one', ...Array.from({ length: 10 }, (_, i) => `bench-ten-${i}`)];

    afterAll(async () => {
      for (const functionName of names) {
        await gateway.system('DELETE', '/system/functions', { functionName }).catch(() => undefined);
      }
    }, 120_000);

    async function timeToFirstInvocation(batch: string[]): Promise<number[]> {
      const started = Date.now();
      await Promise.all(batch.map((service) => gateway.deploy({ service, image: 'faas/fn-cat:latest' })));
      return Promise.all(
        batch.map(async (name) => {
          await gateway.invokeUntilOk(name, 'hi', 120_000, 5_000);
          return Date.now() - started;
        }),
      );
    }

    it(`serves one new function within ${target.oneWithinMs / 1000} s of POST /system/functions`, async () => {
      const [ms] = await timeToFirstInvocation(['bench-one']);
      console.log(`${platform} e2e: 1 function: POST → first 200 in ${ms} ms`);
      expect(ms).toBeLessThan(target.oneWithinMs);
    }, 150_000);

    it(`serves ten functions deployed at once within ${target.tenWithinMs / 1000} s`, async () => {
      const times = (await timeToFirstInvocation(names.slice(1))).sort((a, b) => a - b);
      console.log(
        `${platform} e2e: 10 functions at once: first ${times[0]} ms, median ${times[4]} ms, last ${times[9]} ms`,
      );
      expect(times[9]).toBeLessThan(target.tenWithinMs);
    }, 240_000);
  });
}

/**
 * schemathesis over both APIs (schemathesis-support.ts), as on npm start (fuzz-schemathesis.test.ts)
 * but every deployment runs faas/fn-cat and there are fewer examples: each is a container.
 * Registered last: it leaves functions behind.
 */
export function describeOrchestratorFuzz(target: {
  gateway: GatewayClient;
  providerUrl(): string;
  password: string;
  /** See FuzzTarget.keepAReplica. */
  keepAReplica?: boolean;
}): void {
  const { gateway } = target;
  describeWith([schemathesis], 'schemathesis', () => {
    // The document's example function name is a live function, so invocations reach a replica.
    beforeAll(() => gateway.deploy({ service: 'figlet', image: 'faas/fn-cat:latest' }), 60_000);
    describeSchemathesis(['gateway', 'provider'], (side) => ({
      url: side === 'gateway' ? gateway.baseUrl : target.providerUrl(),
      side,
      user: 'admin',
      password: target.password,
      // The worker runs in a container: its own loopback, where nothing listens.
      callbackUrl: 'http://127.0.0.1:9',
      image: 'faas/fn-cat:latest',
      maxExamples: 10,
      keepAReplica: target.keepAReplica ?? false,
    }));
  });
}
