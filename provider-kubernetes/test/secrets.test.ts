import { resourceTypes } from './fake-apiserver/resources.js';
import type { ResourceType } from './fake-apiserver/resources.js';
import { rejection, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

const secrets = resourceTypes.secrets as ResourceType;

describe('secrets as Kubernetes Secrets', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('creates an Opaque Secret labelled as ours with one key named after it, and lists names only', async () => {
    await h.secrets.create({ name: 'api-key', value: 's3cr3t' }, 'openfaas-fn');
    await h.secrets.create(
      { name: 'cert', rawValue: Buffer.from([0, 1, 2]).toString('base64') },
      'openfaas-fn',
    );
    const stored = h.fake.store.get(secrets, 'openfaas-fn', 'api-key');
    expect(stored.type).toBe('Opaque');
    expect(stored.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'faas' });
    expect(stored.data).toEqual({ 'api-key': Buffer.from('s3cr3t').toString('base64') });
    expect(h.fake.store.get(secrets, 'openfaas-fn', 'cert').data).toEqual({ cert: 'AAEC' });
    const listed = await h.secrets.list('openfaas-fn');
    expect(listed).toEqual([
      { name: 'api-key', namespace: 'openfaas-fn' },
      { name: 'cert', namespace: 'openfaas-fn' },
    ]);
    expect(JSON.stringify(listed)).not.toContain('s3cr3t');
  });

  it('answers 409 for a secret that exists', async () => {
    await h.secrets.create({ name: 'api-key', value: 'a' }, 'openfaas-fn');
    const err = await rejection(h.secrets.create({ name: 'api-key', value: 'b' }, 'openfaas-fn'));
    expect([err.code, err.status]).toEqual(['CONFLICT', 409]);
  });

  it('updates the value; 404 when the secret does not exist', async () => {
    await h.secrets.create({ name: 'api-key', value: 'a' }, 'openfaas-fn');
    await h.secrets.update({ name: 'api-key', value: 'b' }, 'openfaas-fn');
    expect(h.fake.store.get(secrets, 'openfaas-fn', 'api-key').data).toEqual({ 'api-key': 'Yg==' });
    const err = await rejection(h.secrets.update({ name: 'nope', value: 'b' }, 'openfaas-fn'));
    expect([err.code, err.status, err.message]).toEqual([
      'NOT_FOUND',
      404,
      'secret "nope" in namespace "openfaas-fn" not found',
    ]);
  });

  it('removes a secret; 404 when it does not exist', async () => {
    await h.secrets.create({ name: 'api-key', value: 'a' }, 'openfaas-fn');
    await h.secrets.remove('api-key', 'openfaas-fn');
    expect(h.fake.store.find(secrets, 'openfaas-fn', 'api-key')).toBeUndefined();
    const err = await rejection(h.secrets.remove('api-key', 'openfaas-fn'));
    expect([err.code, err.status]).toEqual(['NOT_FOUND', 404]);
  });

  it('neither lists, changes nor removes secrets it did not create (403 naming the reason)', async () => {
    h.fake.store.create(secrets, {
      metadata: { name: 'tls', namespace: 'openfaas-fn' },
      data: { tls: 'eA==' },
    });
    expect(await h.secrets.list('openfaas-fn')).toEqual([]);
    for (const err of [
      await rejection(h.secrets.update({ name: 'tls', value: 'x' }, 'openfaas-fn')),
      await rejection(h.secrets.remove('tls', 'openfaas-fn')),
    ]) {
      expect([err.code, err.status]).toEqual(['FORBIDDEN', 403]);
      expect(err.message).toContain('was not created through faas');
    }
    expect(h.fake.store.get(secrets, 'openfaas-fn', 'tls').data).toEqual({ tls: 'eA==' });
  });

  it('lets a function mount a secret created through it', async () => {
    await h.secrets.create({ name: 'api-key', value: 'a' }, 'openfaas-fn');
    await h.deployer.deploy({ service: 'uses-key', image: 'x:1', secrets: ['api-key'] }, 'openfaas-fn');
    expect((await h.reader.get('uses-key', 'openfaas-fn'))?.secrets).toEqual(['api-key']);
  });
});
