import { spawnSync } from 'node:child_process';

/**
 * `describe` for suites that need `nats-server` (the same rule as `describeWith` in @faas/e2e,
 * which this package cannot import without a reference cycle): skipped on a laptop without it,
 * a failing test under `CI=true`.
 */
export function describeWithNats(title: string, body: () => void): void {
  const available =
    spawnSync('nats-server', ['--version'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  if (available) describe(title, body);
  else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has nats-server', () => {
        throw new Error('CI=true and nats-server is missing (apt-get install -y nats-server)');
      });
    });
  } else describe.skip(`${title} [skipped: nats-server not available]`, body);
}
