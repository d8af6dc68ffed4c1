import { replacementService, toService } from './service-object.js';

describe('toService', () => {
  it('builds a ClusterIP Service on port 8080 named http, selecting the function', () => {
    const s = toService({ service: 'figlet', image: 'x', annotations: { a: 'b' } }, 'team-a');
    expect(s.metadata).toEqual({
      name: 'figlet',
      namespace: 'team-a',
      labels: { faas_function: 'figlet', 'app.kubernetes.io/managed-by': 'faas' },
      annotations: { a: 'b', 'prometheus.io.scrape': 'false', 'faas.provider/scrape-defaulted': 'true' },
    });
    expect(s.spec).toEqual({
      type: 'ClusterIP',
      selector: { faas_function: 'figlet' },
      ports: [{ name: 'http', protocol: 'TCP', port: 8080, targetPort: 8080 }],
    });
  });

  it('keeps the assigned cluster IPs and the resourceVersion when replacing', () => {
    const desired = toService({ service: 'figlet', image: 'x' }, 'openfaas-fn');
    const existing = {
      metadata: { resourceVersion: '42' },
      spec: { clusterIP: '10.0.0.9', clusterIPs: ['10.0.0.9'] },
    };
    const replaced = replacementService(desired, existing);
    expect(replaced.metadata?.resourceVersion).toBe('42');
    expect(replaced.spec?.clusterIP).toBe('10.0.0.9');
    expect(replaced.spec?.clusterIPs).toEqual(['10.0.0.9']);
    expect(replaced.spec?.ports).toEqual(desired.spec?.ports);
  });
});
