import { spawnSync } from 'node:child_process';

/** A real component an end-to-end suite needs. */
export interface Component {
  /** Shown when it is missing. */
  name: string;
  /** How to get it, for the failure message. */
  hint: string;
  /** Synchronous, because Jest decides to skip while collecting tests. */
  available(): boolean;
}

function runs(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
}

/** The components end-to-end suites use. */
export const components = {
  docker: {
    name: 'dockerd',
    hint: 'apt-get install -y docker.io && dockerd & (see .ci/run)',
    available: () => runs('docker', ['info']),
  },
  swarm: {
    name: 'a Docker Swarm manager',
    hint: 'docker swarm init --advertise-addr 127.0.0.1',
    available: () =>
      spawnSync('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'], {
        encoding: 'utf8',
        timeout: 10_000,
      }).stdout?.trim() === 'active',
  },
  nats: {
    name: 'nats-server',
    hint: 'apt-get install -y nats-server',
    available: () => runs('nats-server', ['--version']),
  },
  prometheus: {
    name: 'prometheus',
    hint: 'apt-get install -y prometheus',
    available: () => runs('prometheus', ['--version']),
  },
  alertmanager: {
    name: 'prometheus-alertmanager',
    hint: 'apt-get install -y prometheus-alertmanager',
    available: () => runs('prometheus-alertmanager', ['--version']),
  },
  chromium: {
    name: 'chromium',
    hint: 'apt-get install -y chromium',
    available: () => runs('chromium', ['--version']),
  },
} satisfies Record<string, Component>;

/**
 * `describe` for a suite that needs real components. On a laptop without them the suite is skipped
 * and says why; under `CI=true` a missing component is a failing test, so a green CI run always
 * means the real thing ran.
 */
export function describeWith(needs: Component[], title: string, body: () => void): void {
  const missing = needs.filter((c) => !c.available());
  if (missing.length === 0) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has every component it needs', () => {
        throw new Error(`CI=true and missing: ${missing.map((c) => `${c.name} (${c.hint})`).join('; ')}`);
      });
    });
  } else {
    describe.skip(`${title} [skipped: ${missing.map((c) => c.name).join(', ')} not available]`, body);
  }
}
