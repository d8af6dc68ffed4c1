import type { FunctionDeployment } from '@faas/contracts';
import { schemaProblems } from '../../test/support/kubernetes-schema.js';
import { toDeployment } from './deployment-object.js';
import { toService } from './service-object.js';
import { DEFAULT_FUNCTION_OBJECT_OPTIONS as defaults } from './function-options.js';
import type { FunctionObjectOptions } from './function-options.js';

const base: FunctionDeployment = { service: 'figlet', image: 'ghcr.io/openfaas/figlet:latest' };
const rollout = { replicas: 1, uid: 'r1' };

function build(fn: Partial<FunctionDeployment>, options: Partial<FunctionObjectOptions> = {}) {
  return toDeployment({ ...base, ...fn }, 'openfaas-fn', { ...defaults, ...options }, rollout);
}
const containerOf = (fn: Partial<FunctionDeployment>, options: Partial<FunctionObjectOptions> = {}) =>
  build(fn, options).spec?.template.spec?.containers[0];

describe('toDeployment', () => {
  it('builds the documented Deployment for a minimal function', () => {
    const d = build({});
    expect(d.metadata).toEqual({
      name: 'figlet',
      namespace: 'openfaas-fn',
      labels: { faas_function: 'figlet', 'app.kubernetes.io/managed-by': 'faas' },
      annotations: { 'prometheus.io.scrape': 'false', 'faas.provider/scrape-defaulted': 'true' },
    });
    expect(d.spec?.replicas).toBe(1);
    expect(d.spec?.selector).toEqual({ matchLabels: { faas_function: 'figlet' } });
    expect(d.spec?.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
    expect(d.spec?.template.metadata?.labels).toEqual({ faas_function: 'figlet', uid: 'r1' });
    const c = d.spec?.template.spec?.containers[0];
    expect(c?.name).toBe('figlet');
    expect(c?.image).toBe('ghcr.io/openfaas/figlet:latest');
    expect(c?.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(c?.readinessProbe).toEqual({
      httpGet: { path: '/_/health', port: 8080, scheme: 'HTTP' },
      initialDelaySeconds: 2,
      periodSeconds: 2,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(c?.securityContext).toEqual({ readOnlyRootFilesystem: false, allowPrivilegeEscalation: false });
    expect(c?.volumeMounts).toBeUndefined();
    expect(d.spec?.template.spec?.volumes).toBeUndefined();
    expect(d.spec?.template.spec?.shareProcessNamespace).toBe(true);
  });

  it.each<
    [
      string,
      Partial<FunctionDeployment>,
      Partial<FunctionObjectOptions>,
      (d: ReturnType<typeof build>) => unknown,
      unknown,
    ]
  >([
    [
      'env: fprocess plus envVars, sorted by name',
      { envProcess: 'cat', envVars: { b: '2', a: '1' } },
      {},
      (d) => d.spec?.template.spec?.containers[0]?.env,
      [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
        { name: 'fprocess', value: 'cat' },
      ],
    ],
    [
      'envProcess wins over envVars.fprocess',
      { envProcess: 'cat', envVars: { fprocess: 'env' } },
      {},
      (d) => d.spec?.template.spec?.containers[0]?.env,
      [{ name: 'fprocess', value: 'cat' }],
    ],
    [
      'user labels on the pod template',
      { labels: { team: 'a', 'com.openfaas.scale.min': '2' } },
      {},
      (d) => d.spec?.template.metadata?.labels,
      { team: 'a', 'com.openfaas.scale.min': '2', faas_function: 'figlet', uid: 'r1' },
    ],
    [
      'user annotations plus the scrape flag on the pod template',
      { annotations: { topic: 'x' } },
      {},
      (d) => d.spec?.template.metadata?.annotations,
      { topic: 'x', 'prometheus.io.scrape': 'false', 'faas.provider/scrape-defaulted': 'true' },
    ],
    [
      'a scrape flag the user set is kept',
      { annotations: { 'prometheus.io.scrape': 'true' } },
      {},
      (d) => d.spec?.template.metadata?.annotations,
      { 'prometheus.io.scrape': 'true' },
    ],
    [
      'limits and requests, Docker memory units translated',
      { limits: { memory: '128m', cpu: '0.5' }, requests: { memory: '64Mi' } },
      {},
      (d) => d.spec?.template.spec?.containers[0]?.resources,
      { limits: { memory: '128Mi', cpu: '0.5' }, requests: { memory: '64Mi' } },
    ],
    [
      'the strings as sent kept in an internal annotation',
      { limits: { memory: '128m' } },
      {},
      (d) => d.metadata?.annotations?.['faas.provider/resources'],
      '{"limits":{"memory":"128m"}}',
    ],
    [
      'constraints as a nodeSelector',
      { constraints: ['disktype=ssd'] },
      {},
      (d) => d.spec?.template.spec?.nodeSelector,
      { disktype: 'ssd' },
    ],
    [
      'secrets as one projected read-only volume',
      { secrets: ['api-key', 'db', 'api-key'] },
      {},
      (d) => [d.spec?.template.spec?.volumes, d.spec?.template.spec?.containers[0]?.volumeMounts],
      [
        [
          {
            name: 'faas-secrets',
            projected: {
              sources: [
                { secret: { name: 'api-key', items: [{ key: 'api-key', path: 'api-key' }] } },
                { secret: { name: 'db', items: [{ key: 'db', path: 'db' }] } },
              ],
            },
          },
        ],
        [{ name: 'faas-secrets', mountPath: '/var/openfaas/secrets', readOnly: true }],
      ],
    ],
    [
      'a read-only root filesystem with an emptyDir /tmp',
      { readOnlyRootFilesystem: true },
      {},
      (d) => [
        d.spec?.template.spec?.containers[0]?.securityContext?.readOnlyRootFilesystem,
        d.spec?.template.spec?.volumes,
        d.spec?.template.spec?.containers[0]?.volumeMounts,
      ],
      [true, [{ name: 'faas-tmp', emptyDir: {} }], [{ name: 'faas-tmp', mountPath: '/tmp' }]],
    ],
    [
      'exec probes when HTTP probes are off',
      {},
      { httpProbe: false },
      (d) => d.spec?.template.spec?.containers[0]?.livenessProbe?.exec,
      { command: ['cat', '/tmp/.lock'] },
    ],
    [
      'a non-root user when configured',
      {},
      { nonRootUser: true },
      (d) => d.spec?.template.spec?.containers[0]?.securityContext,
      {
        readOnlyRootFilesystem: false,
        allowPrivilegeEscalation: false,
        runAsUser: 12000,
        runAsNonRoot: true,
      },
    ],
    [
      'the configured image pull policy',
      {},
      { imagePullPolicy: 'IfNotPresent' },
      (d) => d.spec?.template.spec?.containers[0]?.imagePullPolicy,
      'IfNotPresent',
    ],
  ])('maps %s', (_what, fn, options, pick, expected) => {
    expect(pick(build(fn, options))).toEqual(expected);
  });

  it('changes only the uid label between two builds of the same function', () => {
    const first = toDeployment(base, 'openfaas-fn', defaults, { replicas: 3, uid: 'a' });
    const second = toDeployment(base, 'openfaas-fn', defaults, { replicas: 3, uid: 'b' });
    expect(second.spec?.template.metadata?.labels?.uid).toBe('b');
    expect({ ...second, spec: { ...second.spec, template: {} } }).toEqual({
      ...first,
      spec: { ...first.spec, template: {} },
    });
    expect(containerOf({})).toEqual(second.spec?.template.spec?.containers[0]);
  });

  it('refuses constraints that are not key=value', () => {
    expect(() => build({ constraints: ['disktype != ssd'] })).toThrow(/must be key=value/);
  });

  it('schedules a Swarm stack file: node.role is left out (no node has such a label), labels kept', () => {
    const pod = build({ constraints: ['node.role==manager', 'node.labels.disktype==ssd'] }).spec?.template
      .spec;
    expect(pod?.nodeSelector).toEqual({ disktype: 'ssd' });
    expect(build({ constraints: ['node.role==manager'] }).spec?.template.spec).not.toHaveProperty(
      'nodeSelector',
    );
  });
});

const everything: FunctionDeployment = {
  ...base,
  envProcess: 'cat',
  envVars: { A: '1' },
  constraints: ['disktype=ssd'],
  secrets: ['api-key'],
  labels: { team: 'a' },
  annotations: { topic: 'x' },
  limits: { memory: '128m', cpu: '500m' },
  requests: { memory: '64Mi', cpu: '0.1' },
  readOnlyRootFilesystem: true,
};

describe('generated objects against the Kubernetes API schema', () => {
  it.each<[string, FunctionDeployment, Partial<FunctionObjectOptions>]>([
    ['a minimal function', base, {}],
    ['a function using every field', everything, {}],
    [
      'exec probes, non-root, pull policy',
      everything,
      { httpProbe: false, nonRootUser: true, imagePullPolicy: 'Always' },
    ],
  ])('the Deployment and Service of %s are valid', async (_what, fn, options) => {
    const deployment = toDeployment(fn, 'openfaas-fn', { ...defaults, ...options }, rollout);
    expect(await schemaProblems(deployment)).toEqual([]);
    expect(await schemaProblems(toService(fn, 'openfaas-fn'))).toEqual([]);
  });
});
