// Async calls on Swarm: docker-compose.yml runs NATS with JetStream on a named volume and the queue
// worker, and the gateway and the worker name the same queue; up.sh, build-images.sh and down.sh
// agree with it (offline image, build, purge).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const swarm = fileURLToPath(new URL('../swarm/', import.meta.url));
const read = (...path: string[]) => readFileSync(join(swarm, ...path), 'utf8');
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const compose = parse(read('docker-compose.yml')) as Obj;
const service = (name: string) => compose.services[name] as Obj;

/** The queue a process uses, from its environment (the names of gateway/README.md's table). */
const queueOf = (env: Record<string, string>) => ({
  backend: env.queue_backend,
  address: env.faas_nats_address,
  port: env.faas_nats_port,
  channel: env.faas_nats_channel ?? 'faas-request',
});

describe('the Swarm stack, asynchronous invocation', () => {
  it('runs nats-server with JetStream storing on the named volume nats-data', () => {
    const nats = service('nats');
    const command = nats.command as string[];
    expect(command.slice(0, 2)).toEqual(['nats-server', '-js']);
    const storeDir = command[command.indexOf('-sd') + 1];
    expect(nats.volumes).toEqual([`nats-data:${storeDir}`]);
    expect(Object.keys(compose.volumes)).toEqual(['nats-data']);
    expect(nats.image).toBe('${FAAS_NATS_IMAGE:-nats:2.10-alpine}');
  });

  it('gives the gateway and the queue worker the same NATS queue, on the nats service', () => {
    const gateway = queueOf(service('gateway').environment);
    const worker = queueOf(service('queue-worker').environment);
    expect(gateway).toEqual({ backend: 'nats', address: 'nats', port: '4222', channel: 'faas-request' });
    expect(worker).toEqual(gateway);
    expect(service('nats').networks).toEqual(service('gateway').networks);
  });

  it('points the worker at the gateway service, on the same network', () => {
    const worker = service('queue-worker');
    expect([worker.environment.faas_gateway_address, worker.environment.faas_gateway_port]).toEqual([
      'gateway',
      String(service('gateway').ports[0].target),
    ]);
    expect(worker.networks).toEqual(['functions']);
    expect(worker.image).toBe('${FAAS_QUEUE_WORKER_IMAGE:-faas/queue-worker:latest}');
  });

  it('has Prometheus scrape the workers on their metrics port', () => {
    const prometheus = parse(read('prometheus', 'prometheus.yml')) as Obj;
    const job = (prometheus.scrape_configs as Obj[]).find((j) => j.job_name === 'queue-worker') as Obj;
    expect(job.dns_sd_configs).toEqual([
      { names: ['tasks.queue-worker'], type: 'A', port: Number(service('queue-worker').environment.port) },
    ]);
  });

  it('uses only dnsrr endpoints (no VIP needed)', () => {
    for (const [name, s] of Object.entries(compose.services as Record<string, Obj>))
      expect([name, s.deploy.endpoint_mode]).toEqual([name, 'dnsrr']);
  });

  it('builds the images it names, swaps in the offline NATS image and purges the volume only with --purge', () => {
    const build = read('build-images.sh');
    expect(build).toContain('-t faas/queue-worker:latest');
    expect(build).toContain('for component in prometheus alertmanager nats');
    expect(read('images', 'nats', 'Dockerfile')).toContain('COPY nats-server ');
    expect(read('up.sh')).toContain('FAAS_NATS_IMAGE="${FAAS_NATS_IMAGE:-faas/nats:offline}"');
    const down = read('down.sh');
    const purge = down.slice(down.indexOf('if [ "$purge" = 1 ]; then'));
    expect(purge).toContain('remove docker volume rm "${stack}_nats-data"');
    expect(down.split('docker volume rm')).toHaveLength(2);
  });
});
