import type Dockerode from 'dockerode';
import type { FunctionDeployment } from '@faas/contracts';
import { toServiceSpec } from './service-spec.js';
import type { SpecContext } from './service-spec.js';

const context: SpecContext = {
  namespace: 'openfaas-fn',
  network: 'functions',
  secrets: { 'api-key': { id: 'sec123', swarmName: 'api-key_2' } },
  replicas: 1,
  updateMarker: 'marker-1',
};

const minimal: FunctionDeployment = { service: 'echo', image: 'faas/cat:latest' };

function container(spec: Dockerode.ServiceSpec): Dockerode.ContainerSpec {
  const template = spec.TaskTemplate as Dockerode.ContainerTaskSpec;
  return template.ContainerSpec ?? {};
}

function template(spec: Dockerode.ServiceSpec): Dockerode.ContainerTaskSpec {
  return spec.TaskTemplate as Dockerode.ContainerTaskSpec;
}

describe('toServiceSpec', () => {
  it('names one service after the function and marks it as a function', () => {
    const spec = toServiceSpec(minimal, context);
    expect(spec.Name).toBe('echo');
    expect(spec.Labels).toMatchObject({ 'com.openfaas.function': 'echo', function: 'true' });
    expect(container(spec).Image).toBe('faas/cat:latest');
  });

  it('keeps user labels as they are and prefixes annotations', () => {
    const spec = toServiceSpec(
      { ...minimal, labels: { team: 'a', 'com.openfaas.scale.min': '2' }, annotations: { topic: 'x.y' } },
      context,
    );
    expect(spec.Labels).toMatchObject({
      team: 'a',
      'com.openfaas.scale.min': '2',
      'com.openfaas.annotations.topic': 'x.y',
    });
  });

  it('puts fprocess first, then envVars in order', () => {
    const spec = toServiceSpec({ ...minimal, envProcess: 'cat', envVars: { B: '2', A: '1=1' } }, context);
    expect(container(spec).Env).toEqual(['fprocess=cat', 'B=2', 'A=1=1']);
  });

  it('sets no fprocess when none is given, so the image default applies', () => {
    expect(container(toServiceSpec(minimal, context)).Env).toEqual([]);
  });

  it('attaches the network it is given, with a DNS round-robin endpoint instead of a VIP', () => {
    const spec = toServiceSpec(minimal, context);
    expect(template(spec).Networks).toEqual([{ Target: 'functions' }]);
    expect(spec.EndpointSpec).toEqual({ Mode: 'dnsrr' });
  });

  it.each([
    [undefined, ['node.platform.os == linux'], true],
    [[], ['node.platform.os == linux'], true],
    [['node.role == worker'], ['node.role == worker'], false],
  ])('places with constraints %j as %j', (given, expected, defaulted) => {
    const spec = toServiceSpec({ ...minimal, ...(given ? { constraints: given } : {}) }, context);
    expect(template(spec).Placement?.Constraints).toEqual(expected);
    expect(spec.Labels?.['com.faas.constraints.default']).toBe(defaulted ? 'true' : undefined);
  });

  it('mounts each secret at /var/openfaas/secrets/<name>, read-only for everyone', () => {
    const spec = toServiceSpec({ ...minimal, secrets: ['api-key'] }, context);
    expect(container(spec).Secrets).toEqual([
      {
        SecretID: 'sec123',
        SecretName: 'api-key_2',
        File: { Name: '/var/openfaas/secrets/api-key', UID: '0', GID: '0', Mode: 0o444 },
      },
    ]);
  });

  it('refuses a secret whose version was not resolved with 400', () => {
    expect(() => toServiceSpec({ ...minimal, secrets: ['missing'] }, context)).toThrow(
      /unknown secret: missing/,
    );
  });

  it.each([
    [
      { memory: '128Mi', cpu: '500m' },
      { MemoryBytes: 134217728, NanoCPUs: 500_000_000 },
    ],
    [{ memory: '1g' }, { MemoryBytes: 1073741824 }],
    [{ cpu: '0.25' }, { NanoCPUs: 250_000_000 }],
    [{ memory: '5Mi' }, { MemoryBytes: 6 * 1024 * 1024 }],
  ])('turns limits %j into %j', (limits, expected) => {
    const spec = toServiceSpec({ ...minimal, limits }, context);
    expect(template(spec).Resources).toEqual({ Limits: expected });
  });

  it('turns requests into reservations and keeps both strings as labels', () => {
    const spec = toServiceSpec(
      { ...minimal, requests: { memory: '64Mi', cpu: '100m' }, limits: { memory: '5Mi' } },
      context,
    );
    expect(template(spec).Resources?.Reservations).toEqual({ MemoryBytes: 67108864, NanoCPUs: 100_000_000 });
    expect(spec.Labels).toMatchObject({
      'com.faas.requests.memory': '64Mi',
      'com.faas.requests.cpu': '100m',
      'com.faas.limits.memory': '5Mi',
    });
  });

  it('has no resources when none are asked for', () => {
    expect(template(toServiceSpec(minimal, context)).Resources).toEqual({});
  });

  it('mounts the root filesystem read-only with a tmpfs /tmp when asked', () => {
    const ro = container(toServiceSpec({ ...minimal, readOnlyRootFilesystem: true }, context));
    expect(ro.ReadOnly).toBe(true);
    expect(ro.Mounts).toEqual([{ Type: 'tmpfs', Source: '', Target: '/tmp' }]);
    const rw = container(toServiceSpec({ ...minimal, readOnlyRootFilesystem: false }, context));
    expect(rw.ReadOnly).toBeUndefined();
    expect(rw.Mounts).toBeUndefined();
  });

  it('runs every function under Docker’s init, which reaps the orphans of killed process groups', () => {
    expect(container(toServiceSpec(minimal, context)).Init).toBe(true);
  });

  it('restarts replicas whatever their exit code, one second later', () => {
    expect(template(toServiceSpec(minimal, context)).RestartPolicy).toEqual({
      Condition: 'any',
      Delay: 1_000_000_000,
      MaxAttempts: 0,
    });
  });

  it('updates start-first, one at a time, and rolls back a failed update', () => {
    const spec = toServiceSpec(minimal, context);
    expect(spec.UpdateConfig).toMatchObject({
      Parallelism: 1,
      Order: 'start-first',
      FailureAction: 'rollback',
    });
    expect(spec.RollbackConfig).toMatchObject({ Parallelism: 1, Order: 'start-first' });
  });

  it('labels the containers with the update marker, so a new marker rolls the tasks', () => {
    const first = toServiceSpec(minimal, context);
    const second = toServiceSpec(minimal, { ...context, updateMarker: 'marker-2' });
    expect(container(first).Labels).toEqual({
      'com.openfaas.function': 'echo',
      'com.faas.update-marker': 'marker-1',
    });
    expect(container(second).Labels?.['com.faas.update-marker']).toBe('marker-2');
  });

  it('runs the image’s own health check at the interval it is given, or leaves it alone', () => {
    expect(container(toServiceSpec(minimal, { ...context, healthIntervalMs: 1000 })).HealthCheck).toEqual({
      Interval: 1_000_000_000,
    });
    expect(
      container(toServiceSpec(minimal, { ...context, healthIntervalMs: 0 })).HealthCheck,
    ).toBeUndefined();
  });

  it('asks for the replicas it is given', () => {
    expect(toServiceSpec(minimal, { ...context, replicas: 3 }).Mode).toEqual({ Replicated: { Replicas: 3 } });
  });

  it('refuses an unreadable quantity with 400', () => {
    expect(() => toServiceSpec({ ...minimal, limits: { cpu: 'lots' } }, context)).toThrow(/limits\.cpu/);
  });
});
