// One Prometheus rule file and one AlertManager configuration, deploy/monitoring/, used
// by both deployments. The Swarm stack loads the files themselves (compose `configs:`); the
// Kubernetes ConfigMaps carry them inline, byte for byte except for the substitutions listed here.
// Any edit to one side without the other fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const deploy = fileURLToPath(new URL('..', import.meta.url));
const read = (...path: string[]) => readFileSync(join(deploy, ...path), 'utf8');
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The canonical files. */
const canonical = {
  rules: read('monitoring', 'alert.rules.yml'),
  alertmanager: read('monitoring', 'alertmanager.yml'),
};

/**
 * The only differences allowed between deploy/monitoring/alertmanager.yml and the Kubernetes
 * ConfigMap (documented in 40-alertmanager.yaml and deploy/monitoring/README.md).
 */
const KUBERNETES_SUBSTITUTIONS: readonly (readonly [string, string])[] = [
  ['http://gateway:8080/', 'http://gateway.openfaas:8080/'],
];

const compose = parse(read('swarm', 'docker-compose.yml')) as Obj;
const kubernetes = ['30-prometheus.yaml', '40-alertmanager.yaml'].flatMap((f) =>
  parseAllDocuments(read('kubernetes', f)).map((d) => d.toJS() as Obj),
);
const configMap = (name: string) =>
  kubernetes.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name)?.data as Record<string, string>;

/** Where a compose config is mounted in a service: its target path. */
const configTarget = (service: string, config: string) =>
  (compose.services[service].configs as Obj[]).find((c) => c.source === config)?.target as string;

/** Every file below a directory, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)).map((f) => join(e.name, f)) : [e.name],
  );
}

describe('the Swarm stack and deploy/monitoring', () => {
  it.each([
    ['alert.rules.yml', 'prometheus', '/etc/prometheus/alert.rules.yml'],
    ['alertmanager.yml', 'alertmanager', '/etc/alertmanager/alertmanager.yml'],
  ])('loads %s from deploy/monitoring/ into %s at %s', (config, service, target) => {
    expect(resolve(deploy, 'swarm', compose.configs[config].file)).toBe(join(deploy, 'monitoring', config));
    expect(configTarget(service, config)).toBe(target);
  });

  it('keeps no copy of its own of either file', () => {
    const copies = filesUnder(join(deploy, 'swarm')).filter((f) =>
      /(^|\/)(alert\.rules|alertmanager)\.ya?ml$/.test(f),
    );
    expect(copies).toEqual([]);
  });

  it('has Prometheus load the rule file where the stack mounts it', () => {
    const prometheus = parse(read('swarm', 'prometheus', 'prometheus.yml')) as Obj;
    expect(prometheus.rule_files).toEqual([configTarget('prometheus', 'alert.rules.yml')]);
    expect(compose.services.prometheus.command).toContain(
      `--config.file=${configTarget('prometheus', 'prometheus.yml')}`,
    );
  });

  it('gives AlertManager the password file and gateway address the configuration names', () => {
    const alertmanager = compose.services.alertmanager as Obj;
    expect(alertmanager.command).toContain(
      `--config.file=${configTarget('alertmanager', 'alertmanager.yml')}`,
    );
    // A Docker secret is mounted at /run/secrets/<name>.
    expect(alertmanager.secrets).toContain('basic-auth-password');
    expect(canonical.alertmanager).toContain('password_file: /run/secrets/basic-auth-password');
    expect(canonical.alertmanager).toContain('url: http://gateway:8080/system/alert');
    expect(Object.keys(compose.services)).toContain('gateway');
  });

  it("has the gateway read invocation counts from the stack's Prometheus, as on Kubernetes", () => {
    const env = compose.services.gateway.environment as Record<string, string>;
    expect(Object.keys(compose.services)).toContain(env.faas_prometheus_host);
    expect(compose.services.prometheus.networks).toEqual(
      expect.arrayContaining(compose.services.gateway.networks as string[]),
    );
    expect(env.faas_prometheus_port).toBe('9090');
  });

  it('names each Swarm config after a revision variable, so an edited file becomes a new config', () => {
    const names = Object.values(compose.configs as Record<string, Obj>).map((c) => c.name as string);
    expect(names).toHaveLength(3);
    for (const name of names)
      expect(name).toMatch(/^\$\{FAAS_STACK:-faas\}_[a-z-]+-\$\{FAAS_[A-Z_]+_REV:-0\}$/);
    const up = read('swarm', 'up.sh');
    for (const name of names) expect(up).toContain(/\$\{(FAAS_[A-Z_]+_REV)/.exec(name)?.[1]);
  });
});

describe('the Kubernetes manifests and deploy/monitoring', () => {
  it('carry alert.rules.yml byte for byte in ConfigMap prometheus-config', () => {
    expect(configMap('prometheus-config')['alert.rules.yml']).toBe(canonical.rules);
  });

  it('carry alertmanager.yml in ConfigMap alertmanager-config, differing only by the listed substitutions', () => {
    const expected = KUBERNETES_SUBSTITUTIONS.reduce(
      (text, [from, to]) => text.replaceAll(from, to),
      canonical.alertmanager,
    );
    for (const [from] of KUBERNETES_SUBSTITUTIONS) expect(canonical.alertmanager).toContain(from);
    expect(configMap('alertmanager-config')['alertmanager.yml']).toBe(expected);
  });

  it('mount the password where alertmanager.yml reads it', () => {
    const spec = kubernetes.find((o) => o.kind === 'Deployment' && o.metadata.name === 'alertmanager')?.spec
      .template.spec as Obj;
    const volume = (spec.volumes as Obj[]).find((v) => v.secret?.secretName === 'basic-auth') as Obj;
    const mount = (spec.containers[0].volumeMounts as Obj[]).find((m) => m.name === volume.name) as Obj;
    const item = (volume.secret.items as Obj[]).find((i) => i.key === 'basic-auth-password') as Obj;
    expect(`${mount.mountPath}/${item.path}`).toBe('/run/secrets/basic-auth-password');
  });
});

const tools = ['promtool', 'amtool'].filter(
  (t) => spawnSync(t, ['--version'], { stdio: 'ignore' }).status !== 0,
);
const describeTools = tools.length === 0 || process.env.CI === 'true' ? describe : describe.skip;

describeTools(
  `deploy/monitoring and the Swarm prometheus.yml${tools.length ? ` [needs ${tools.join(', ')}]` : ''}`,
  () => {
    const run = (command: string, args: string[]) => {
      const result = spawnSync(command, args, { encoding: 'utf8' });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };

    it('alert.rules.yml passes promtool with one rule', () => {
      const result = run('promtool', ['check', 'rules', join(deploy, 'monitoring', 'alert.rules.yml')]);
      expect(result).toMatchObject({ status: 0 });
      expect(result.output).toContain('SUCCESS: 1 rules found');
    });

    it('alertmanager.yml passes amtool with one receiver', () => {
      const result = run('amtool', ['check-config', join(deploy, 'monitoring', 'alertmanager.yml')]);
      expect(result).toMatchObject({ status: 0 });
      expect(result.output).toContain('1 receivers');
    });

    it('the Swarm prometheus.yml passes promtool (syntax)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'faas-swarm-prometheus-'));
      const path = join(dir, 'prometheus.yml');
      writeFileSync(path, read('swarm', 'prometheus', 'prometheus.yml'));
      expect(run('promtool', ['check', 'config', '--syntax-only', path])).toMatchObject({ status: 0 });
    });
  },
);
