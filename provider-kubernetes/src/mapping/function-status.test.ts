import type { V1Deployment } from '@kubernetes/client-node';
import type { FunctionDeployment, FunctionStatus } from '@faas/contracts';
import { toDeployment } from './deployment-object.js';
import { DEFAULT_FUNCTION_OBJECT_OPTIONS as defaults } from './function-options.js';
import { toFunctionStatus } from './function-status.js';

const created = '2026-01-02T03:04:05.000Z';

/** The Deployment as the API server would return it: timestamps and status filled in. */
function stored(fn: FunctionDeployment, change: (d: V1Deployment) => void = () => {}): V1Deployment {
  const d = toDeployment(fn, 'openfaas-fn', defaults, { replicas: 2, uid: 'x' });
  d.metadata = { ...d.metadata, creationTimestamp: new Date(created) };
  d.status = { replicas: 2, availableReplicas: 1 };
  change(d);
  return d;
}

const base: FunctionDeployment = { service: 'figlet', image: 'figlet:1' };
const minimal: FunctionStatus = {
  name: 'figlet',
  namespace: 'openfaas-fn',
  image: 'figlet:1',
  labels: { faas_function: 'figlet' },
  annotations: {},
  envVars: {},
  readOnlyRootFilesystem: false,
  replicas: 2,
  availableReplicas: 1,
  invocationCount: 0,
  createdAt: created,
};
const container = (d: V1Deployment) => d.spec!.template.spec!.containers[0]!;

describe('toFunctionStatus', () => {
  // One replica, RollingUpdate maxSurge 1 / maxUnavailable 0: the old pod serves until the new one
  // is ready. The provider's last update made generation 3 (the annotation); a scale made 4.
  it.each<[string, number, V1Deployment['status'], number]>([
    ['at rest', 3, { observedGeneration: 3, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }, 1],
    [
      'updated, not yet seen by the controller',
      3,
      { observedGeneration: 2, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      0,
    ],
    [
      'rolling: the old pod available, the new one starting',
      3,
      { observedGeneration: 3, replicas: 2, updatedReplicas: 1, availableReplicas: 1 },
      0,
    ],
    [
      'rolling: both available, the old one not yet terminating',
      3,
      { observedGeneration: 3, replicas: 2, updatedReplicas: 1, availableReplicas: 2 },
      1,
    ],
    [
      'rolled out (the old pod terminating, no longer counted)',
      3,
      { observedGeneration: 3, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      1,
    ],
    [
      'scaled to 3 (not yet seen): the running pod still counts',
      4,
      { observedGeneration: 3, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      1,
    ],
    [
      'scaled to 3, two of them available',
      4,
      { observedGeneration: 4, replicas: 3, updatedReplicas: 3, availableReplicas: 2 },
      2,
    ],
    ['no status yet', 1, undefined, 0],
  ])('counts available replicas of the current spec only: %s', (_what, generation, status, expected) => {
    const d = stored(base, (x) => {
      x.metadata = {
        ...x.metadata,
        generation,
        annotations: { ...x.metadata?.annotations, 'faas.provider/template-generation': '3' },
      };
      x.status = status;
    });
    expect(toFunctionStatus(d).availableReplicas).toBe(expected);
  });

  it('reads a minimal function back with empty maps and without the fields it was not deployed with', () => {
    expect(toFunctionStatus(stored(base))).toEqual(minimal);
  });

  it.each<[string, Partial<FunctionDeployment>, Partial<FunctionStatus>]>([
    [
      'envProcess and envVars',
      { envProcess: 'cat', envVars: { B: '2', A: '1' } },
      { envProcess: 'cat', envVars: { A: '1', B: '2' } },
    ],
    [
      'labels without the uid marker',
      { labels: { team: 'a' } },
      { labels: { team: 'a', faas_function: 'figlet' } },
    ],
    [
      'annotations without the provider-added scrape flag',
      { annotations: { topic: 'x' } },
      { annotations: { topic: 'x' } },
    ],
    [
      'a scrape flag the user sent',
      { annotations: { 'prometheus.io.scrape': 'false' } },
      { annotations: { 'prometheus.io.scrape': 'false' } },
    ],
    [
      'limits and requests exactly as sent',
      { limits: { memory: '128m', cpu: '0.5' }, requests: { memory: '5Mi' } },
      { limits: { memory: '128m', cpu: '0.5' }, requests: { memory: '5Mi' } },
    ],
    [
      'constraints exactly as sent',
      { constraints: ['disktype == ssd'] },
      { constraints: ['disktype == ssd'] },
    ],
    [
      'Swarm constraints exactly as sent, the ignored ones too',
      { constraints: ['node.role==manager', 'node.labels.disktype==ssd'] },
      { constraints: ['node.role==manager', 'node.labels.disktype==ssd'] },
    ],
    ['secrets', { secrets: ['a', 'b'] }, { secrets: ['a', 'b'] }],
    ['a read-only root filesystem', { readOnlyRootFilesystem: true }, { readOnlyRootFilesystem: true }],
  ])('round-trips %s', (_what, fields, expected) => {
    expect(toFunctionStatus(stored({ ...base, ...fields }))).toEqual({ ...minimal, ...expected });
  });

  it.each<[string, Partial<FunctionDeployment>, (d: V1Deployment) => void, Partial<FunctionStatus>]>([
    [
      'canonical quantities from the API server still echo the strings sent',
      { limits: { cpu: '0.5', memory: '1.5Gi' } },
      (d) => {
        container(d).resources = { limits: { cpu: '500m', memory: '1536Mi' } };
      },
      { limits: { cpu: '0.5', memory: '1.5Gi' } },
    ],
    [
      'limits changed with kubectl are read from the Deployment',
      { limits: { cpu: '0.5' } },
      (d) => {
        container(d).resources = { limits: { cpu: '2' } };
      },
      { limits: { cpu: '2' } },
    ],
    [
      'an image changed with kubectl set image',
      {},
      (d) => {
        container(d).image = 'figlet:2';
      },
      { image: 'figlet:2' },
    ],
    [
      'a nodeSelector changed with kubectl',
      { constraints: ['a=1'] },
      (d) => {
        d.spec!.template.spec!.nodeSelector = { b: '2' };
      },
      { constraints: ['b=2'] },
    ],
    [
      'a timestamp from a raw watch event (a string)',
      {},
      (d) => {
        (d.metadata as Record<string, unknown>).creationTimestamp = '2026-01-02T03:04:05Z';
      },
      {},
    ],
    [
      'no status yet: nothing available',
      {},
      (d) => {
        delete d.status;
      },
      { availableReplicas: 0 },
    ],
    [
      'replicas scaled to zero',
      {},
      (d) => {
        d.spec!.replicas = 0;
        d.status = {};
      },
      { replicas: 0, availableReplicas: 0 },
    ],
    [
      "annotations the controller adds to the Deployment are not the user's",
      {},
      (d) => {
        d.metadata!.annotations!['deployment.kubernetes.io/revision'] = '3';
      },
      {},
    ],
  ])('reads %s', (_what, fields, change, expected) => {
    expect(toFunctionStatus(stored({ ...base, ...fields }, change))).toEqual({ ...minimal, ...expected });
  });
});
