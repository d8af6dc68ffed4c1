import { until } from '@faas/service-kit/testing';
import { startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

describe('the namespaces functions may live in', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('are the functions namespace plus those annotated openfaas=1, never kube-system', async () => {
    h = await startHarness();
    h.fake.createNamespace('team-b', { openfaas: '1' });
    h.fake.createNamespace('team-a', { openfaas: 'true' });
    h.fake.createNamespace('default');
    h.fake.createNamespace('kube-system', { openfaas: '1' });
    h.fake.createNamespace('other', { openfaas: '0' });
    expect(await h.namespaces.list()).toEqual(['openfaas-fn', 'team-a', 'team-b']);
  });

  it('follows namespaces annotated later through the watch', async () => {
    h = await startHarness();
    expect(await h.namespaces.list()).toEqual(['openfaas-fn']);
    h.fake.createNamespace('team-c', { openfaas: '1' });
    await until('team-c listed', async () => (await h.namespaces.list()).includes('team-c'), 3_000, 10);
    expect(h.fake.calls.filter((c) => c.resource === 'namespaces' && c.verb === 'list')).toHaveLength(1);
  });

  it('serves only the functions namespace when it may not list namespaces, and says so once', async () => {
    h = await startHarness({ authorize: (call) => call.resource !== 'namespaces' });
    h.fake.createNamespace('team-b', { openfaas: '1' });
    expect(await h.namespaces.list()).toEqual(['openfaas-fn']);
    expect(await h.namespaces.list()).toEqual(['openfaas-fn']);
    const warnings = h.logger.entries.filter(
      (e) => e.level === 'warn' && e.msg.includes('may not list namespaces'),
    );
    expect(warnings).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.resource === 'namespaces')).toHaveLength(1);
  });
});
