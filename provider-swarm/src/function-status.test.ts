import type Dockerode from 'dockerode';
import type { FunctionDeployment } from '@faas/contracts';
import { availableReplicas, isFunctionService, notReadyReason, toFunctionStatus } from './function-status.js';
import type { ServiceView, TaskView } from './function-status.js';
import { toServiceSpec } from './service-spec.js';
import type { SpecContext } from './service-spec.js';

const context: SpecContext = {
  namespace: 'openfaas-fn',
  network: 'functions',
  secrets: { 'api-key': { id: 'sec123', swarmName: 'api-key_1' }, db: { id: 'sec9', swarmName: 'db_4' } },
  replicas: 2,
  updateMarker: 'm1',
};

/** A service as Docker would return it for a spec. */
function serviceOf(spec: Dockerode.ServiceSpec): ServiceView {
  return { ID: 'svc1', CreatedAt: '2026-11-20T10:11:12.123456789Z', Spec: spec };
}

function task(state: string, marker = 'm1', desired = 'running'): TaskView {
  return {
    DesiredState: desired,
    Status: { State: state },
    Spec: { ContainerSpec: { Labels: { 'com.faas.update-marker': marker } } },
  };
}

const full: FunctionDeployment = {
  service: 'resizer',
  image: 'faas/resizer:1.2',
  envProcess: 'node index.js',
  envVars: { MODE: 'fast', EMPTY: '' },
  constraints: ['node.role == worker'],
  secrets: ['api-key', 'db'],
  labels: { team: 'imaging', 'com.openfaas.scale.min': '2' },
  annotations: { 'example.com/topic': 'images', note: 'a=b, c' },
  limits: { memory: '5Mi', cpu: '500m' },
  requests: { memory: '0.5Gi', cpu: '0.1' },
  readOnlyRootFilesystem: true,
};

describe('toFunctionStatus', () => {
  it('reads back every field of a full deployment exactly as sent', () => {
    const status = toFunctionStatus(serviceOf(toServiceSpec(full, context)), [], 'openfaas-fn');
    expect(status).toEqual({
      name: 'resizer',
      image: 'faas/resizer:1.2',
      namespace: 'openfaas-fn',
      envProcess: 'node index.js',
      envVars: { MODE: 'fast', EMPTY: '' },
      constraints: ['node.role == worker'],
      secrets: ['api-key', 'db'],
      labels: { team: 'imaging', 'com.openfaas.scale.min': '2', faas_function: 'resizer' },
      annotations: { 'example.com/topic': 'images', note: 'a=b, c' },
      limits: { memory: '5Mi', cpu: '500m' },
      requests: { memory: '0.5Gi', cpu: '0.1' },
      readOnlyRootFilesystem: true,
      replicas: 2,
      availableReplicas: 0,
      invocationCount: 0,
      createdAt: '2026-11-20T10:11:12.123Z',
    });
  });

  it('omits what a minimal deployment did not send, and sends its maps as {}', () => {
    const status = toFunctionStatus(
      serviceOf(toServiceSpec({ service: 'echo', image: 'cat:1' }, context)),
      [],
      'openfaas-fn',
    );
    expect(status).toEqual({
      name: 'echo',
      image: 'cat:1',
      namespace: 'openfaas-fn',
      labels: { faas_function: 'echo' },
      annotations: {},
      envVars: {},
      readOnlyRootFilesystem: false,
      replicas: 2,
      availableReplicas: 0,
      invocationCount: 0,
      createdAt: '2026-11-20T10:11:12.123Z',
    });
  });

  it('reads a service created by hand: labels as they are, secrets by target name', () => {
    const service: ServiceView = {
      ID: 'x',
      CreatedAt: 'not a time',
      Spec: {
        Name: 'manual',
        Labels: { 'com.openfaas.function': 'manual', owner: 'ops' },
        TaskTemplate: {
          ContainerSpec: {
            Image: 'img',
            Env: ['fprocess=cat', 'NOVALUE'],
            Secrets: [{ SecretName: 's', File: { Name: 's' } }],
          },
          Placement: { Constraints: ['node.labels.gpu == true'] },
        },
        Mode: { Replicated: { Replicas: 1 } },
      },
    };
    expect(toFunctionStatus(service, [], 'openfaas-fn')).toMatchObject({
      labels: { owner: 'ops', faas_function: 'manual' },
      envProcess: 'cat',
      envVars: { NOVALUE: '' },
      secrets: ['s'],
      constraints: ['node.labels.gpu == true'],
      createdAt: '1970-01-01T00:00:00.000Z',
    });
  });
});

describe('availableReplicas', () => {
  const service = serviceOf(toServiceSpec({ service: 'echo', image: 'cat:1' }, context));

  it.each<[string, TaskView[], number]>([
    ['no tasks', [], 0],
    ['two running tasks of the current spec', [task('running'), task('running')], 2],
    ['a task still starting (or waiting for its health check)', [task('running'), task('starting')], 1],
    [
      'a running task of the previous spec during a start-first update',
      [task('running', 'm0'), task('running')],
      1,
    ],
    ['a task Swarm is shutting down', [task('running', 'm1', 'shutdown'), task('running')], 1],
    ['failed and rejected tasks', [task('failed'), task('rejected')], 0],
    ['more running tasks than desired', [task('running'), task('running'), task('running')], 2],
  ])('counts %s', (_what, tasks, expected) => {
    expect(availableReplicas(service, tasks)).toBe(expected);
  });
});

describe('notReadyReason', () => {
  const service = serviceOf(toServiceSpec({ service: 'echo', image: 'cat:1' }, context));
  const failed = (state: string, err: string, marker = 'm1'): TaskView => ({
    ...task(state, marker, 'shutdown'),
    Status: { State: state, Err: err },
  });

  it.each<[string, TaskView[], string | undefined]>([
    ['no tasks', [], undefined],
    [
      'an image Docker cannot find',
      [task('preparing'), failed('rejected', 'No such image: nope:1')],
      'rejected: No such image: nope:1',
    ],
    [
      'a process that exits',
      [failed('failed', 'task: non-zero exit (127)'), failed('failed', 'task: non-zero exit (1)')],
      'failed: task: non-zero exit (127)',
    ],
    [
      'a task no node can take',
      [
        {
          ...task('pending'),
          Status: {
            State: 'pending',
            Err: 'no suitable node (scheduling constraints not satisfied on 1 node)',
          },
        },
      ],
      'pending: no suitable node (scheduling constraints not satisfied on 1 node)',
    ],
    [
      'a failure followed by a running task',
      [task('running'), failed('failed', 'task: non-zero exit (1)')],
      undefined,
    ],
    [
      'a failure of the previous spec',
      [task('starting'), failed('failed', 'task: non-zero exit (1)', 'm0')],
      undefined,
    ],
  ])('%s', (_what, tasks, expected) => {
    expect(notReadyReason(service, tasks)).toBe(expected);
  });
});

describe('isFunctionService', () => {
  it('tells functions from other services by the com.openfaas.function label', () => {
    expect(isFunctionService(serviceOf(toServiceSpec({ service: 'a', image: 'b' }, context)))).toBe(true);
    expect(isFunctionService({ ID: 'g', Spec: { Name: 'faas_gateway', Labels: {} } })).toBe(false);
  });
});
