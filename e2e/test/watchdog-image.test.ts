// The watchdog image, built offline (FROM the scratch-built faas/offline-base) by the test itself,
// idempotently: the executable, the base image, then `docker build`. A container with
// fprocess=cat must echo a POST. Containers run with Docker's init, as the platform runs
// functions (Swarm `Init: true`, Kubernetes `shareProcessNamespace`): it reaps what a killed
// function leaves behind.
import { components, describeWith } from '@faas/e2e';
import { buildWatchdogImage, run, startContainer } from './image-support.js';

const image = 'faas/watchdog:e2e';

describeWith([components.docker], 'the watchdog image', () => {
  const containers: string[] = [];

  beforeAll(() => buildWatchdogImage(image), 240_000);

  afterAll(() => {
    if (containers.length > 0) run('docker', ['rm', '-f', ...containers]);
  });

  const start = async (env: string[]): Promise<string> => (await startContainer(image, env, containers)).url;

  it('answers POST / with the body echoed by fprocess=cat', async () => {
    const url = await start(['fprocess=cat']);
    const res = await fetch(`${url}/`, {
      method: 'POST',
      body: 'hello from e2e',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('x-duration-seconds')).toMatch(/^\d+\.\d+$/);
    expect(await res.text()).toBe('hello from e2e');
  });

  it('runs sha512sum from the base image and serves its metrics on 8081', async () => {
    const url = await start(['fprocess=sha512sum']);
    const res = await fetch(`${url}/`, { method: 'POST', body: 'abc' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^ddaf35a193617aba\w+\s+-\n$/);
    const metrics = await (await fetch(url.replace(':8080', ':8081') + '/metrics')).text();
    expect(metrics).toContain('http_requests_total{code="200",method="post"} 1');
  });

  it('writes /tmp/.lock inside the container once ready, and runs the Bun executable', async () => {
    await start(['fprocess=cat']);
    const id = containers[containers.length - 1] as string;
    expect(run('docker', ['exec', id, 'ls', '/tmp/.lock']).trim()).toBe('/tmp/.lock');
    expect(run('docker', ['logs', id])).toMatch(/Watchdog mode: classic, fprocess: cat \(Bun \d+\.\d+/);
  });

  it('kills the whole process tree on exec_timeout inside the container', async () => {
    const url = await start(['fprocess=timeout 30 sleep 30', 'exec_timeout=1s']);
    const res = await fetch(`${url}/`, { method: 'POST', body: '' });
    expect(res.status).toBe(408);
    expect(await res.text()).toBe('Killed process.\n');
    const id = containers[containers.length - 1] as string;
    // No sleep left behind and no zombie: the group was killed, and Docker's init reaped the
    // `sleep` that `timeout` left to it.
    expect(
      run('docker', ['exec', id, 'ps', '-o', 'stat,comm'])
        .split('\n')
        .filter((l) => /sleep|^Z/.test(l.trim())),
    ).toEqual([]);
  });
});
