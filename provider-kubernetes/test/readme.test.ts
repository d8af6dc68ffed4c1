// The README is part of the product: its configuration table is the config table, and the
// commands of its "Kubernetes" section name the objects the manifests really use.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeConfig } from '@faas/service-kit';
import { kubernetesProviderSettings } from '../src/config.js';
import { MANIFEST_DIR, loadManifests } from './support/manifests.js';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');
const manifests = loadManifests().map((m) => m.object as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('provider-kubernetes/README.md', () => {
  it('shows the configuration table generated from src/config.ts', () => {
    const table = /<!-- config-table[^>]*-->\n([\s\S]*?)\n<!-- \/config-table -->/.exec(readme)?.[1];
    expect(table).toBe(describeConfig(kubernetesProviderSettings));
  });

  it('creates the Secret the pods mount, with the keys they read, in their namespace', () => {
    const gateway = manifests.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gateway');
    const secret = gateway?.spec.template.spec.volumes.find((v: { secret?: unknown }) => v.secret).secret
      .secretName;
    expect(readme).toContain(`kubectl -n ${gateway?.metadata.namespace} create secret generic ${secret} \\`);
    expect(readme).toContain('--from-literal=basic-auth-user=admin');
    expect(readme).toContain('--from-literal=basic-auth-password="$PASSWORD"');
    const alertmanager = manifests.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === 'alertmanager-config',
    );
    expect(alertmanager?.data['alertmanager.yml']).toContain('username: admin');
  });

  it('names files, deployments and the Service that exist', () => {
    for (const file of readme.match(/deploy\/kubernetes\/[\w.-]+\.(?:yaml|tmpl)/g) ?? []) {
      expect([file, existsSync(join(MANIFEST_DIR, '..', '..', file))]).toEqual([file, true]);
    }
    for (const [, name] of readme.matchAll(/rollout status deploy\/([\w-]+)/g)) {
      if (name === 'cat') continue;
      expect(manifests.some((o) => o.kind === 'Deployment' && o.metadata.name === name)).toBe(true);
    }
    expect(readme).toContain('kubectl -n openfaas port-forward svc/gateway 8080:8080');
    expect(
      manifests.some(
        (o) => o.kind === 'Service' && o.metadata.name === 'gateway' && o.spec.ports[0].port === 8080,
      ),
    ).toBe(true);
  });
});
