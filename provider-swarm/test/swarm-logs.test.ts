// The Swarm log reader against the REAL Docker API: demultiplexed lines with their task, tail,
// since, instance, follow, and task errors for replicas that never started.
import { components, describeWith, until } from '@faas/service-kit/testing';
import { MemoryLogger } from '@faas/service-kit';
import type { LogMessage, LogQuery } from '@faas/contracts';
import { FunctionServices } from '../src/docker/function-services.js';
import { NetworkFinder } from '../src/docker/network-finder.js';
import { SecretVersions } from '../src/docker/secret-versions.js';
import { SwarmDeployer } from '../src/roles/swarm-deployer.js';
import { SwarmLogReader } from '../src/roles/swarm-log-reader.js';
import { compareTimestamps } from '../src/docker/log-frames.js';
import {
  cleanUp,
  docker,
  ensureTestImage,
  ensureTestNetwork,
  runPrefix,
  TEST_IMAGE,
  TEST_NETWORK,
} from './swarm-fixture.js';

const NS = 'openfaas-fn';

describeWith([components.docker, components.swarm], 'Swarm logs on a real swarm', () => {
  const prefix = runPrefix();
  const fn = `${prefix}-logs`;
  const services = new FunctionServices(docker);
  const logs = new SwarmLogReader(docker, services);
  const deployer = new SwarmDeployer(
    docker,
    services,
    new SecretVersions(docker),
    new NetworkFinder(docker, TEST_NETWORK, new MemoryLogger()),
    new MemoryLogger(),
    1000,
  );

  /** Reads until the iterable ends, `count` lines arrive, or `ms` pass. */
  async function collect(query: Partial<LogQuery>, count = Infinity, ms = 10_000): Promise<LogMessage[]> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    const lines: LogMessage[] = [];
    try {
      for await (const line of logs.read(
        { name: fn, namespace: NS, follow: false, ...query },
        controller.signal,
      )) {
        lines.push(line);
        if (lines.length >= count) break;
      }
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    return lines;
  }

  beforeAll(async () => {
    await Promise.all([ensureTestImage(), ensureTestNetwork()]);
    await deployer.deploy({ service: fn, image: TEST_IMAGE }, NS);
    await until(
      'the first log lines',
      async () => ((await collect({})).some((l) => l.text === 'tick') ? true : undefined),
      30_000,
      250,
    );
  }, 120_000);
  afterAll(() => cleanUp(prefix), 60_000);

  it('reads stdout and stderr lines, oldest first, each with its task and time', async () => {
    const lines = await collect({});
    const [task] = (await docker.listTasks({ filters: { service: [fn], 'desired-state': ['running'] } })) as {
      ID: string;
    }[];
    const started = lines.find((l) => l.text.startsWith('started'));
    expect(started).toEqual({
      name: fn,
      namespace: NS,
      instance: task!.ID,
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/),
      text: expect.stringMatching(/^started [0-9a-f]{12}$/),
    });
    expect(lines.map((l) => l.text)).toContain('to-stderr');
    const times = lines.map((l) => l.timestamp);
    expect([...times].sort(compareTimestamps)).toEqual(times);
  });

  it('honours tail, since and instance', async () => {
    expect(await collect({ tail: 2 })).toHaveLength(2);
    expect(await collect({ tail: 0 })).toEqual([]);
    const all = await collect({});
    const last = all[all.length - 1]!;
    const since = await collect({ since: last.timestamp });
    expect(since.length).toBeGreaterThanOrEqual(1);
    expect(since.length).toBeLessThan(all.length);
    expect(since.every((l) => Date.parse(l.timestamp) >= Date.parse(last.timestamp) - 1)).toBe(true);
    const byInstance = await collect({ instance: last.instance, tail: 3 });
    expect(byInstance).toHaveLength(3);
    expect(byInstance.every((l) => l.instance === last.instance)).toBe(true);
    expect(await collect({ instance: 'no-such-task' })).toEqual([]);
  });

  it('follows new lines until the caller aborts', async () => {
    const started = Date.now();
    const lines = await collect({ follow: true, tail: 0 }, 3, 15_000);
    expect(lines.map((l) => l.text)).toEqual(['tick', 'tick', 'tick']);
    expect(Date.now() - started).toBeLessThan(10_000);
    const controller = new AbortController();
    const following = logs.read({ name: fn, namespace: NS, follow: true, tail: 0 }, controller.signal);
    const iterator = following[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const end = await Promise.race([
      iterator.next(),
      new Promise((r) => (timer = setTimeout(() => r('still open'), 5000))),
    ]);
    clearTimeout(timer);
    expect(end).toEqual({ done: true, value: undefined });
  }, 30_000);

  it('with follow and tail=0, misses no line written right after the request', async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 10_000);
    const stream = logs.read({ name: fn, namespace: NS, follow: true, tail: 0 }, controller.signal);
    const iterator = stream[Symbol.asyncIterator]();
    const marker = `marker-${Date.now()}`;
    const [container] = await docker.listContainers({
      filters: { label: [`com.docker.swarm.service.name=${fn}`] },
    });
    const exec = await docker
      .getContainer(container!.Id)
      .exec({ Cmd: ['sh', '-c', `echo ${marker} > /proc/1/fd/1`] });
    // The request starts, and the line is written at once: before Docker has even been asked for
    // the logs, let alone subscribed to the task's log.
    const first = iterator.next();
    // dockerode resolves a stream even for a detached start: read it to its end, or its connection
    // to dockerd stays open and keeps Jest alive for minutes after the run.
    const started = (await exec.start({ Detach: true })) as NodeJS.ReadableStream;
    started.resume();
    const texts: string[] = [];
    try {
      for (let next = await first; !next.done; next = await iterator.next()) {
        texts.push(next.value.text);
        if (next.value.text === marker) break;
      }
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    expect(texts).toContain(marker);
  }, 20_000);

  it('answers 404 for a function that does not exist', async () => {
    await expect(collect({ name: `${prefix}-missing` })).rejects.toMatchObject({ status: 404 });
  });

  it('tells why a replica never started', async () => {
    const broken = `${prefix}-broken`;
    await deployer.deploy({ service: broken, image: 'faas-test/does-not-exist:1' }, NS);
    const lines = await until(
      'a task error',
      async () => {
        const got = await collect({ name: broken }, Infinity, 3000);
        return got.length > 0 ? got : undefined;
      },
      30_000,
      250,
    );
    expect(lines[0]).toMatchObject({
      name: broken,
      instance: expect.stringMatching(/^[a-z0-9]{25}$/),
      text: 'task rejected: No such image: faas-test/does-not-exist:1',
    });
  }, 45_000);
});
