// Availability on a real swarm: a replica whose image checks its health only every 5 minutes is
// counted (and resolved) as soon as its watchdog answers, while Docker still calls it `starting`.
// The test process is not on the overlay, so the probe runs its GET from a helper container on
// the test network (`docker exec … wget`); the HTTP probe itself is tested in src/.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { components, describeWith, until } from '@faas/service-kit/testing';
import { MemoryLogger } from '@faas/service-kit';
import type { ProbeResult } from '../src/mapping/availability.js';
import { FunctionServices } from '../src/docker/function-services.js';
import { ImageHealthChecks } from '../src/docker/health-checks.js';
import { NetworkFinder } from '../src/docker/network-finder.js';
import type { ReadinessProbe } from '../src/docker/readiness-probe.js';
import { SecretVersions } from '../src/docker/secret-versions.js';
import { SwarmDeployer } from '../src/roles/swarm-deployer.js';
import { SwarmReader, SwarmScaler } from '../src/roles/swarm-reader.js';
import { TaskReadiness, taskAddress } from '../src/docker/task-readiness.js';
import { TaskResolver } from '../src/roles/task-resolver.js';
import { cleanUp, docker, ensureTestNetwork, runPrefix, TEST_NETWORK } from './swarm-fixture.js';

const run = promisify(execFile);
const NS = 'openfaas-fn';

/** Serves /_/health like a watchdog; Docker's first health check comes 5 minutes after start. */
const SLOW_CHECK_IMAGE = 'faas-test/slow-check:1';
const DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
HEALTHCHECK --interval=300s --timeout=1s CMD wget -q -O /dev/null http://127.0.0.1:8080/_/health || exit 1
CMD ["/bin/sh", "-c", "mkdir -p /tmp/www/_ && echo OK > /tmp/www/_/health && exec httpd -f -p 8080 -h /tmp/www"]
`;

async function ensureImage(): Promise<void> {
  const exists = await docker
    .getImage(SLOW_CHECK_IMAGE)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (exists) return;
  const dir = await mkdtemp(join(tmpdir(), 'faas-slow-check-'));
  try {
    await copyFile('/bin/busybox', join(dir, 'busybox'));
    await writeFile(join(dir, 'Dockerfile'), DOCKERFILE);
    await run('docker', ['build', '-q', '-t', SLOW_CHECK_IMAGE, dir], {
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** GETs `<url>/_/health` from a container on the test network; counts its probes. */
class ProbeFromNetwork implements ReadinessProbe {
  probes = 0;
  /** The container probes run in (set once the prober service's task runs). */
  container = '';
  async check(_taskId: string, baseUrl: string): Promise<ProbeResult> {
    this.probes++;
    try {
      await run('docker', [
        'exec',
        this.container,
        'timeout',
        '1',
        'wget',
        '-q',
        '-O',
        '/dev/null',
        `${baseUrl}/_/health`,
      ]);
      return 'ok';
    } catch {
      return 'fail';
    }
  }
}

describeWith([components.docker, components.swarm], 'Availability on a real swarm', () => {
  const prefix = runPrefix();
  const helper = `${prefix}-prober`;
  const logger = new MemoryLogger();
  const services = new FunctionServices(docker);
  const probe = new ProbeFromNetwork();
  const checks = new ImageHealthChecks(docker);
  const reader = new SwarmReader(services, NS, new TaskReadiness(checks, probe));
  const dockerOnly = new SwarmReader(services, NS, new TaskReadiness(checks));
  const resolver = new TaskResolver(services, 0, new TaskReadiness(checks, probe));
  const scaler = new SwarmScaler(services, logger);
  const deployer = new SwarmDeployer(
    docker,
    services,
    new SecretVersions(docker),
    new NetworkFinder(docker, TEST_NETWORK, logger),
    logger,
    0,
  );

  beforeAll(async () => {
    await Promise.all([ensureImage(), ensureTestNetwork()]);
    // A service, not `docker run --network`: a daemon that restarted has not instantiated a
    // swarm overlay locally yet, and refuses a standalone container on it ("network … not found").
    await run('docker', [
      'service',
      'create',
      '-d',
      '--name',
      helper,
      '--network',
      TEST_NETWORK,
      SLOW_CHECK_IMAGE,
    ]);
    probe.container = await until(
      'the prober container',
      async () => {
        const { stdout } = await run('docker', [
          'ps',
          '-q',
          '-f',
          `label=com.docker.swarm.service.name=${helper}`,
        ]);
        return stdout.trim().split('\n')[0] || undefined;
      },
      60_000,
      250,
    );
  }, 120_000);
  afterAll(async () => {
    await cleanUp(prefix); // the prober service's name starts with the prefix too
  }, 60_000);

  it('counts a replica as available when its watchdog answers, long before Docker’s first health check', async () => {
    const name = `${prefix}-cold`;
    await deployer.deploy(
      { service: name, image: SLOW_CHECK_IMAGE, labels: { 'com.openfaas.scale.min': '0' } },
      NS,
    );
    expect(await reader.get(name, NS)).toMatchObject({ replicas: 0, availableReplicas: 0 });
    expect(await checks.hasCheck({ Spec: { ContainerSpec: { Image: SLOW_CHECK_IMAGE } } })).toBe(true);
    const started = Date.now();
    await scaler.scale(name, NS, 1);
    const status = await until(
      'an available replica',
      async () => {
        const s = await reader.get(name, NS);
        return s?.availableReplicas === 1 ? s : undefined;
      },
      30_000,
      250,
    );
    const elapsed = Date.now() - started;
    expect(status).toMatchObject({ replicas: 1, availableReplicas: 1 });
    expect(elapsed).toBeLessThan(30_000);
    // Docker has not judged it: Swarm still says `starting`, and by Docker alone it is not available.
    const tasks = await services.runningTasks(name);
    expect(tasks.map((t) => t.Status?.State)).toEqual(['starting']);
    expect(await dockerOnly.get(name, NS)).toMatchObject({ replicas: 1, availableReplicas: 0 });
    // The resolver hands out the same replica (a settled answer: a plain list), and it serves.
    const urls = await resolver.resolve(name);
    if (!Array.isArray(urls)) throw new Error(`not a settled answer: ${JSON.stringify(urls)}`);
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/^http:\/\/10\.\d+\.\d+\.\d+:8080$/);
    const { stdout } = await run('docker', [
      'exec',
      probe.container,
      'wget',
      '-q',
      '-O',
      '-',
      `${urls[0]}/_/health`,
    ]);
    expect(stdout).toBe('OK\n');
    expect(probe.probes).toBeGreaterThan(0);
  }, 60_000);

  it('resolves only the updated replica once it counts as available, though Swarm keeps the old one running until Docker has checked the new one', async () => {
    const name = `${prefix}-rolled`;
    await deployer.deploy({ service: name, image: SLOW_CHECK_IMAGE }, NS);
    await until(
      'the first replica',
      async () => ((await reader.get(name, NS))?.availableReplicas === 1 ? true : undefined),
      30_000,
      250,
    );
    const [old] = await services.runningTasks(name);
    await deployer.update({ service: name, image: SLOW_CHECK_IMAGE, envVars: { VERSION: '2' } }, NS);
    await until(
      'the updated replica',
      async () => ((await reader.get(name, NS))?.availableReplicas === 1 ? true : undefined),
      30_000,
      250,
    );
    // Start-first: Swarm shuts the old task down only once Docker calls the new one healthy, five
    // minutes from now with this image; until then both run and pass the readiness probe.
    const running = await services.runningTasks(name);
    expect(running.map((t) => t.ID)).toContain(old?.ID);
    const updated = running.find((t) => t.ID !== old?.ID);
    const service = await services.get(name);
    expect(await resolver.resolve(name)).toEqual([`http://${taskAddress(service, updated!)}:8080`]);
  }, 90_000);
});
