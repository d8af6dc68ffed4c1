// deploy/kubernetes/: every object valid against the Kubernetes API schema (strict: unknown fields
// fail, as `kubectl apply --validate=strict` would), references between objects resolve, the
// environment names are the ones the processes read, and the Prometheus and AlertManager
// configuration passes promtool and amtool.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubernetesProviderSettings, loadKubernetesProviderConfig } from '../src/config.js';
import { schemaProblems } from './support/kubernetes-schema.js';
import { loadManifests, loadNamespaceTemplate } from './support/manifests.js';
import type { ManifestObject } from './support/manifests.js';

const manifests = loadManifests();
const template = loadNamespaceTemplate('team-a');
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const objects = manifests.map((m) => m.object as Obj);
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
/** Like `find`, but the object must exist. */
const get = (kind: string, name: string, namespace?: string): Obj => {
  const found = find(kind, name, namespace);
  if (!found) throw new Error(`${kind} ${namespace}/${name} is not in the manifests`);
  return found;
};
const deployments = objects.filter((o) => o.kind === 'Deployment');
const podSpec = (name: string) => find('Deployment', name, 'openfaas')?.spec.template.spec;
const container = (deployment: string, name: string) =>
  podSpec(deployment)?.containers.find((c: Obj) => c.name === name);
const env = (c: Obj) => Object.fromEntries((c.env ?? []).map((e: Obj) => [e.name, e.value]));
const label = (m: ManifestObject) => `${m.file}: ${m.object.kind} ${m.object.metadata.name}`;

describe('the Kubernetes manifests', () => {
  it('contain the namespaces, RBAC, gateway with provider, Prometheus, AlertManager, NATS and the queue worker — and no Secret', () => {
    expect(manifests.map((m) => `${m.object.kind}/${m.object.metadata.name}`)).toEqual([
      'Namespace/openfaas',
      'Namespace/openfaas-fn',
      'ServiceAccount/faas-provider',
      'Role/faas-provider',
      'RoleBinding/faas-provider',
      'ClusterRole/faas-provider-namespaces',
      'ClusterRoleBinding/faas-provider-namespaces',
      'Deployment/gateway',
      'Service/gateway',
      'ConfigMap/prometheus-config',
      'Deployment/prometheus',
      'Service/prometheus',
      'ConfigMap/alertmanager-config',
      'Deployment/alertmanager',
      'Service/alertmanager',
      'StatefulSet/nats',
      'Service/nats',
      'Deployment/queue-worker',
      'Service/queue-worker',
    ]);
  });

  it.each([...manifests, ...template].map((m) => [label(m), m] as const))(
    '%s is valid against the Kubernetes API schema',
    async (_label, m) => {
      expect(await schemaProblems(m.object)).toEqual([]);
    },
  );

  it('puts every namespaced object in a namespace the manifests create, never kube-system', () => {
    const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
    for (const o of objects.filter(
      (x) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(x.kind),
    )) {
      expect([o.kind, o.metadata.name, namespaces.includes(o.metadata.namespace)]).toEqual([
        o.kind,
        o.metadata.name,
        true,
      ]);
    }
    expect(JSON.stringify(objects)).not.toContain('kube-system');
  });

  it.each(deployments.map((d) => [d.metadata.name, d] as const))(
    'Deployment %s: selector, Service, volumes, service account and mounts resolve',
    (name, d) => {
      const spec = d.spec.template.spec;
      expect(
        Object.entries(d.spec.selector.matchLabels).every(
          ([k, v]) => d.spec.template.metadata.labels[k] === v,
        ),
      ).toBe(true);
      const service = get('Service', name, d.metadata.namespace);
      expect(
        Object.entries(service.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v),
      ).toBe(true);
      const portNames = spec.containers.flatMap((c: Obj) => (c.ports ?? []).map((p: Obj) => p.name));
      for (const port of service.spec.ports) expect(portNames).toContain(port.targetPort);
      const volumes = spec.volumes.map((v: Obj) => v.name);
      for (const c of spec.containers)
        for (const m of c.volumeMounts ?? []) expect(volumes).toContain(m.name);
      for (const v of spec.volumes) {
        if (v.configMap) expect(find('ConfigMap', v.configMap.name, d.metadata.namespace)).toBeDefined();
        // The only Secret is the one the README's command creates: no password is committed.
        if (v.secret) expect(v.secret.secretName).toBe('basic-auth');
      }
      if (spec.serviceAccountName)
        expect(find('ServiceAccount', spec.serviceAccountName, d.metadata.namespace)).toBeDefined();
      for (const c of spec.containers) {
        expect([c.name, c.securityContext?.allowPrivilegeEscalation]).toEqual([c.name, false]);
        expect([c.name, c.securityContext?.readOnlyRootFilesystem]).toEqual([c.name, true]);
      }
    },
  );

  it('runs the provider as a sidecar of the gateway on 127.0.0.1:8081, with the images named faas/…', () => {
    const gateway = container('gateway', 'gateway');
    const provider = container('gateway', 'provider');
    expect(gateway.image).toMatch(/^faas\/gateway(:|$)/);
    expect(provider.image).toMatch(/^faas\/provider-kubernetes(:|$)/);
    expect(env(gateway).functions_provider_url).toBe('http://127.0.0.1:8081');
    expect([env(provider).bind_address, env(provider).port]).toEqual(['127.0.0.1', '8081']);
    expect(podSpec('gateway').serviceAccountName).toBe('faas-provider');
  });

  it('gives the gateway the OpenFaaS environment names, pointing at the objects that exist', () => {
    const e = env(container('gateway', 'gateway'));
    expect(Object.keys(e)).toEqual(
      expect.arrayContaining([
        'functions_provider_url',
        'secret_mount_path',
        'basic_auth',
        'faas_prometheus_host',
        'faas_prometheus_port',
      ]),
    );
    const [host, namespace] = (e.faas_prometheus_host as string).split('.');
    expect(get('Service', host as string, namespace).spec.ports[0].port).toBe(Number(e.faas_prometheus_port));
    const mount = container('gateway', 'gateway').volumeMounts.find((m: Obj) => m.name === 'basic-auth');
    expect(mount.mountPath).toBe(e.secret_mount_path);
  });

  it("sets only variables the provider's configuration table knows, with valid values", () => {
    const e = env(container('gateway', 'provider'));
    const config = loadKubernetesProviderConfig(e);
    expect([config.port, config.bindAddress, config.functionNamespace, config.basicAuth]).toEqual([
      8081,
      '127.0.0.1',
      'openfaas-fn',
      true,
    ]);
    const known = new Set(Object.values(kubernetesProviderSettings).map((setting) => setting.env));
    expect(Object.keys(e).filter((k) => !known.has(k))).toEqual([]);
  });

  it('runs NATS JetStream with its store on a volume claim, behind the headless Service nats', () => {
    const nats = get('StatefulSet', 'nats', 'openfaas');
    const spec = nats.spec.template.spec;
    const server = spec.containers.find((c: Obj) => c.name === 'nats');
    expect(server.image).toBe('nats:2.10-alpine');
    expect(server.args.slice(0, 3)).toEqual(['-js', '-sd', '/data']);
    expect(server.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }]);
    expect(nats.spec.volumeClaimTemplates.map((t: Obj) => t.metadata.name)).toEqual(['data']);
    expect(nats.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    const service = get('Service', nats.spec.serviceName, 'openfaas');
    expect(service.spec.clusterIP).toBe('None');
    expect(
      Object.entries(nats.spec.selector.matchLabels).every(
        ([k, v]) => nats.spec.template.metadata.labels[k] === v,
      ),
    ).toBe(true);
    expect(
      Object.entries(service.spec.selector).every(([k, v]) => nats.spec.template.metadata.labels[k] === v),
    ).toBe(true);
    const ports = server.ports.map((p: Obj) => p.name);
    for (const port of service.spec.ports) expect(ports).toContain(port.targetPort);
    for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe'])
      expect(ports).toContain(server[probe].httpGet.port);
    expect([spec.securityContext.runAsNonRoot, spec.securityContext.fsGroup]).toEqual([true, 1000]);
    expect([
      server.securityContext.allowPrivilegeEscalation,
      server.securityContext.readOnlyRootFilesystem,
    ]).toEqual([false, true]);
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  it('points the gateway and the queue worker at NATS, and the worker at the gateway', () => {
    const gateway = env(container('gateway', 'gateway'));
    const worker = env(container('queue-worker', 'queue-worker'));
    for (const e of [gateway, worker]) {
      expect(e.queue_backend).toBe('nats');
      const [host, namespace] = (e.faas_nats_address as string).split('.');
      expect(get('Service', host as string, namespace).spec.ports[0].port).toBe(Number(e.faas_nats_port));
    }
    const [host, namespace] = (worker.faas_gateway_address as string).split('.');
    expect(get('Service', host as string, namespace).spec.ports[0].port).toBe(
      Number(worker.faas_gateway_port),
    );
    expect(container('queue-worker', 'queue-worker').image).toMatch(/^faas\/queue-worker(:|$)/);
  });

  it('gives the queue worker no Kubernetes API access: no service account token, no binding', () => {
    const spec = podSpec('queue-worker');
    expect([spec.serviceAccountName, spec.automountServiceAccountToken]).toEqual([undefined, false]);
    const subjects = objects
      .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
      .flatMap((o) => o.subjects.map((s: Obj) => s.name));
    expect(subjects).not.toContain('default');
  });

  it('lets Prometheus find every queue-worker replica through the headless Service', () => {
    const prometheus = get('ConfigMap', 'prometheus-config', 'openfaas').data['prometheus.yml'] as string;
    expect(prometheus).toContain("- names: ['queue-worker.openfaas']");
    const service = get('Service', 'queue-worker', 'openfaas');
    expect([service.spec.clusterIP, service.spec.ports[0].port]).toEqual(['None', 8081]);
  });

  it('sends AlertManager webhooks to the gateway with the mounted password', () => {
    const config = get('ConfigMap', 'alertmanager-config', 'openfaas').data['alertmanager.yml'] as string;
    expect(config).toContain('url: http://gateway.openfaas:8080/system/alert');
    const mount = container('alertmanager', 'alertmanager').volumeMounts.find(
      (m: Obj) => m.name === 'basic-auth',
    );
    expect(config).toContain(`password_file: ${mount.mountPath}/basic-auth-password`);
    const prometheus = get('ConfigMap', 'prometheus-config', 'openfaas').data['prometheus.yml'] as string;
    expect(prometheus).toContain("targets: ['gateway.openfaas:8080']");
    expect(prometheus).toContain("targets: ['alertmanager.openfaas:9093']");
    expect(prometheus).toContain('/etc/prometheus/alert.rules.yml');
  });
});

const tools = ['promtool', 'amtool'].filter(
  (t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0,
);
const describeTools = tools.length === 0 || process.env.CI === 'true' ? describe : describe.skip;

describeTools(
  `Prometheus and AlertManager configuration${tools.length ? ` [needs ${tools.join(', ')}]` : ''}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-k8s-config-'));
    const write = (configMap: string, key: string) => {
      const path = join(dir, key);
      writeFileSync(path, get('ConfigMap', configMap, 'openfaas').data[key]);
      return path;
    };
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { encoding: 'utf8' });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };

    it('prometheus.yml passes promtool (syntax; the rule file is checked on its own)', () => {
      expect(
        run('promtool', ['check', 'config', '--syntax-only', write('prometheus-config', 'prometheus.yml')]),
      ).toMatchObject({ status: 0 });
    });

    it('the alert rules pass promtool and contain the scaling rule of docs/autoscaling.md', () => {
      const path = write('prometheus-config', 'alert.rules.yml');
      const result = run('promtool', ['check', 'rules', path]);
      expect(result).toMatchObject({ status: 0 });
      expect(result.output).toContain('SUCCESS: 1 rules found');
    });

    it('alertmanager.yml passes amtool', () => {
      const result = run('amtool', ['check-config', write('alertmanager-config', 'alertmanager.yml')]);
      expect(result).toMatchObject({ status: 0 });
      expect(result.output).toContain('1 receivers');
    });
  },
);
