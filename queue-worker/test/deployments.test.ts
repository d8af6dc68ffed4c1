// The deployments start the worker with settings it knows and accepts: the environment of the
// queue-worker container in deploy/kubernetes/ parses with the worker's own configuration table,
// names only variables the table has, and agrees with the gateway's queue settings there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queueSettings } from '@faas/queue';
import { loadConfig } from '@faas/service-kit';
import { parseAllDocuments } from 'yaml';
import { loadWorkerConfig, workerSettings } from '../src/config.js';

const deploy = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'deploy');
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function kubernetesObjects(file: string): Obj[] {
  return parseAllDocuments(readFileSync(join(deploy, 'kubernetes', file), 'utf8')).map(
    (d) => d.toJS() as Obj,
  );
}

function containerEnv(file: string, deployment: string, container: string): Record<string, string> {
  const d = kubernetesObjects(file).find((o) => o.kind === 'Deployment' && o.metadata.name === deployment);
  const c = d?.spec.template.spec.containers.find((x: Obj) => x.name === container);
  if (!c) throw new Error(`${file}: no container ${container} in Deployment ${deployment}`);
  return Object.fromEntries(c.env.map((e: Obj) => [e.name, e.value]));
}

const known = (table: Record<string, { env: string }>) => new Set(Object.values(table).map((s) => s.env));

describe('the Kubernetes manifests and the worker configuration', () => {
  const worker = containerEnv('60-queue-worker.yaml', 'queue-worker', 'queue-worker');
  const gateway = containerEnv('20-gateway.yaml', 'gateway', 'gateway');

  it('start the worker with variables its configuration table has, all valid', () => {
    expect(Object.keys(worker).filter((k) => !known(workerSettings).has(k))).toEqual([]);
    const config = loadWorkerConfig(worker);
    expect(config).toMatchObject({
      backend: 'nats',
      natsAddress: 'nats.openfaas',
      natsPort: 4222,
      gatewayAddress: 'gateway.openfaas',
      gatewayPort: 8080,
      port: 8081,
    });
  });

  it('give the gateway and the worker the same queue, so the worker reads what the gateway queued', () => {
    const queueOf = (e: Record<string, string>) => {
      const { backend, natsAddress, natsPort, queueName } = loadConfig(queueSettings, e);
      return { backend, natsAddress, natsPort, queueName };
    };
    expect(queueOf(gateway)).toEqual(queueOf(worker));
    expect(queueOf(gateway)).toMatchObject({ backend: 'nats', natsAddress: 'nats.openfaas' });
  });
});
