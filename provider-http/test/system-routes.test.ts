import request from 'supertest';
import { MemoryLogger } from '@faas/service-kit';
import { providerRoutes } from '@faas/contracts';
import { createProviderApp } from '../src/create-provider-app.js';
import type { ProviderApp } from '../src/create-provider-app.js';
import { createFakeProvider } from './fake-roles.js';
import type { FakeProvider } from './fake-roles.js';

const auth = { user: 'admin', password: 'pw' };
let fake: FakeProvider;
let app: ProviderApp;
let logger: MemoryLogger;

beforeEach(() => {
  fake = createFakeProvider();
  logger = new MemoryLogger();
  app = createProviderApp(fake.roles, { logger, auth, maxBodyBytes: 2048 });
});
afterEach(() => app.close());

const deployment = { service: 'echo', image: 'ghcr.io/x/echo:1', envProcess: 'cat' };

describe('createProviderApp: routes', () => {
  it.each(
    providerRoutes.filter((r) => !r.id.startsWith('providerInvoke')).map((r) => [r.method, r.path, r.id]),
  )('serves %s %s (%s)', async (method, path) => {
    const url = path.replace('{name}', 'echo');
    const res = await request(app)[method.toLowerCase() as 'get'](url).auth(auth.user, auth.password);
    expect(res.text).not.toContain('no route for');
  });

  it('answers unknown paths with a plain-text 404 marked as the provider', async () => {
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['x-openfaas-internal']).toBe('provider');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe('Not found: no route for GET /nowhere.\n');
  });
});

describe('createProviderApp: basic auth', () => {
  const systemRoutes = providerRoutes.filter((r) => r.auth);
  it.each(systemRoutes.map((r) => [r.method, r.path]))(
    'refuses %s %s without credentials',
    async (method, path) => {
      const res = await request(app)[method.toLowerCase() as 'get'](path.replace('{name}', 'echo'));
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Basic realm="Restricted"');
      expect(res.headers['x-openfaas-internal']).toBe('provider');
      expect(fake.calls).toEqual([]);
    },
  );

  it('refuses a wrong password', async () => {
    const res = await request(app).get('/system/functions').auth('admin', 'wrong');
    expect(res.status).toBe(401);
  });

  it.each(['/healthz', '/metrics'])('serves %s without credentials', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
  });

  it('serves everything without credentials when auth is off, and warns once', async () => {
    const open = createProviderApp(fake.roles, { logger });
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.msg)).toEqual([
      expect.stringContaining('basic auth is off'),
    ]);
    const res = await request(open).get('/system/functions');
    expect(res.status).toBe(200);
    open.close();
  });
});

describe('createProviderApp: functions', () => {
  const post = (body: unknown) =>
    request(app)
      .post('/system/functions')
      .auth(auth.user, auth.password)
      .send(body as object);

  it('deploys with 202 into the default namespace, then lists it', async () => {
    const res = await post(deployment);
    expect(res.status).toBe(202);
    expect(fake.calls).toEqual(['deploy openfaas-fn/echo']);
    const list = await request(app).get('/system/functions').auth(auth.user, auth.password);
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    expect(list.body).toEqual([expect.objectContaining({ name: 'echo', namespace: 'openfaas-fn' })]);
  });

  it('deploys into the query namespace over the body namespace', async () => {
    const res = await request(app)
      .post('/system/functions?namespace=team-a')
      .auth(auth.user, auth.password)
      .send({ ...deployment, namespace: 'openfaas-fn' });
    expect(res.status).toBe(202);
    expect(fake.calls).toEqual(['deploy team-a/echo']);
  });

  it.each([
    ['an invalid name', { ...deployment, service: 'Bad_Name' }, /service: must be lower-case letters/],
    ['a missing image', { service: 'echo' }, /image: required/],
    [
      'an unknown namespace',
      { ...deployment, namespace: 'elsewhere' },
      /namespace "elsewhere" is not managed/,
    ],
    [
      'an unknown secret',
      { ...deployment, secrets: ['missing'] },
      /unknown secret in namespace openfaas-fn: missing/,
    ],
  ])('refuses %s with 400 and deploys nothing', async (_what, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.headers['x-openfaas-internal']).toBe('provider');
    expect(res.text).toMatch(message);
    expect(res.text.trim().split('\n')).toHaveLength(1);
    expect(fake.functions.size).toBe(0);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await request(app)
      .post('/system/functions')
      .auth(auth.user, auth.password)
      .set('Content-Type', 'application/json')
      .send('{"service":');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/^malformed JSON/);
    expect(fake.calls).toEqual([]);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post({ ...deployment, envVars: { BIG: 'x'.repeat(4096) } });
    expect(res.status).toBe(413);
    expect(res.text).toBe('Request body too large: the limit is 2048 bytes.\n');
    expect(fake.calls).toEqual([]);
  });

  it('deploys when the secrets it names exist', async () => {
    fake.secrets.set('openfaas-fn/api-key', Buffer.from('k'));
    const res = await post({ ...deployment, secrets: ['api-key'] });
    expect(res.status).toBe(202);
  });

  it('answers 409 from the deployer for a second deploy', async () => {
    await post(deployment);
    const res = await post(deployment);
    expect(res.status).toBe(409);
    expect(res.text).toBe('echo exists\n');
  });

  it('maps FUNCTION_NOT_FOUND from update to 404', async () => {
    const res = await request(app).put('/system/functions').auth(auth.user, auth.password).send(deployment);
    expect(res.status).toBe(404);
    expect(res.text).toBe('no echo\n');
  });

  it('gets one function, passing usage=1 on, and 404 for an unknown one', async () => {
    await post(deployment);
    const res = await request(app).get('/system/function/echo?usage=1').auth(auth.user, auth.password);
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('echo');
    expect(fake.calls).toContain('get openfaas-fn/echo usage');
    const missing = await request(app).get('/system/function/nope').auth(auth.user, auth.password);
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('No such function: nope in namespace openfaas-fn.\n');
  });

  it('scales with the name from the path, 0 allowed', async () => {
    await post(deployment);
    const res = await request(app)
      .post('/system/scale-function/echo')
      .auth(auth.user, auth.password)
      .send({ serviceName: 'other', replicas: 0 });
    expect(res.status).toBe(202);
    expect(fake.calls).toContain('scale openfaas-fn/echo 0');
  });

  it.each([
    [{ replicas: -1 }, /replicas: must be a whole number/],
    [{}, /replicas: required/],
  ])('refuses the scale request %j with 400', async (body, message) => {
    const res = await request(app)
      .post('/system/scale-function/echo')
      .auth(auth.user, auth.password)
      .send(body);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
  });

  it('deletes with the query namespace winning over the body', async () => {
    await request(app)
      .post('/system/functions?namespace=team-a')
      .auth(auth.user, auth.password)
      .send(deployment);
    const res = await request(app)
      .delete('/system/functions?namespace=team-a')
      .auth(auth.user, auth.password)
      .send({ functionName: 'echo', namespace: 'openfaas-fn' });
    expect(res.status).toBe(202);
    expect(fake.calls).toContain('remove team-a/echo');
    const again = await request(app)
      .delete('/system/functions')
      .auth(auth.user, auth.password)
      .send({ functionName: 'echo' });
    expect(again.status).toBe(404);
  });
});

describe('createProviderApp: secrets', () => {
  const as = (r: request.Test) => r.auth(auth.user, auth.password);
  it('creates (201), lists without values, updates (202) and deletes (202)', async () => {
    expect((await as(request(app).post('/system/secrets')).send({ name: 'k', value: 'v1' })).status).toBe(
      201,
    );
    const list = await as(request(app).get('/system/secrets'));
    expect(list.body).toEqual([{ name: 'k', namespace: 'openfaas-fn' }]);
    expect(list.text).not.toContain('v1');
    expect((await as(request(app).put('/system/secrets')).send({ name: 'k', value: 'v2' })).status).toBe(202);
    expect(fake.secrets.get('openfaas-fn/k')?.toString()).toBe('v2');
    expect((await as(request(app).delete('/system/secrets')).send({ name: 'k' })).status).toBe(202);
    expect(fake.secrets.size).toBe(0);
  });

  it.each([
    ['post', { name: 'k', value: 'v' }, 409],
    ['put', { name: 'nope', value: 'v' }, 404],
    ['delete', { name: 'nope' }, 404],
    ['post', { name: 'Bad Name', value: 'v' }, 400],
    ['post', { name: 'k2' }, 400],
  ] as const)('answers %s %j with %i', async (method, body, status) => {
    fake.secrets.set('openfaas-fn/k', Buffer.from('v'));
    const res = await as(request(app)[method]('/system/secrets')).send(body);
    expect(res.status).toBe(status);
    expect(res.headers['x-openfaas-internal']).toBe('provider');
  });
});

describe('createProviderApp: info, namespaces, optional routes', () => {
  it('serves the provider info', async () => {
    const res = await request(app).get('/system/info').auth(auth.user, auth.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(fake.roles.info);
  });

  it('lists namespaces', async () => {
    const res = await request(app).get('/system/namespaces').auth(auth.user, auth.password);
    expect(res.body).toEqual(['openfaas-fn', 'team-a']);
  });

  it.each([
    ['get', '/system/namespace/x'],
    ['post', '/system/namespace/x'],
    ['put', '/system/namespace/x'],
    ['delete', '/system/namespace/x'],
    // faas-cli `namespace create NAME` POSTs {"name": NAME, …} to the collection path.
    ['post', '/system/namespace/'],
  ] as const)(
    'answers %s %s with 501 and a sentence naming the namespaces it serves',
    async (method, path) => {
      const res = await request(app)[method](path).auth(auth.user, auth.password).send({ name: 'x' });
      expect(res.status).toBe(501);
      expect(res.headers['x-openfaas-internal']).toBe('provider');
      expect(res.text).toBe(
        'This provider does not create, change or delete namespaces: functions live in its own namespaces (openfaas-fn, team-a).\n',
      );
    },
  );

  it('answers /system/logs with 501 when the provider has no log reader', async () => {
    const bare = createFakeProvider({ withLogs: false });
    const noLogs = createProviderApp(bare.roles, { logger, auth });
    const res = await request(noLogs).get('/system/logs?name=echo').auth(auth.user, auth.password);
    expect(res.status).toBe(501);
    noLogs.close();
  });

  it('serves the ready endpoints of a function with a short ttl', async () => {
    await request(app).post('/system/functions').auth(auth.user, auth.password).send(deployment);
    fake.replicaUrls.set('openfaas-fn/echo', ['http://127.0.0.1:1', 'http://127.0.0.1:2']);
    const res = await request(app).get('/system/endpoints/echo').auth(auth.user, auth.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      name: 'echo',
      namespace: 'openfaas-fn',
      endpoints: [{ url: 'http://127.0.0.1:1' }, { url: 'http://127.0.0.1:2' }],
      ttlSeconds: 2,
    });
    const missing = await request(app).get('/system/endpoints/nope').auth(auth.user, auth.password);
    expect(missing.status).toBe(404);
  });

  it('answers /system/endpoints with 501 when turned off', async () => {
    const off = createProviderApp(fake.roles, { logger, auth, endpoints: false });
    const res = await request(off).get('/system/endpoints/echo').auth(auth.user, auth.password);
    expect(res.status).toBe(501);
    off.close();
  });
});

describe('createProviderApp: errors and metrics', () => {
  it('turns an unknown error into a 500 without internals, logged with the call id', async () => {
    fake.roles.reader.list = async () => {
      throw new Error('database password is hunter2');
    };
    const res = await request(app)
      .get('/system/functions')
      .auth(auth.user, auth.password)
      .set('X-Call-Id', 'call-1');
    expect(res.status).toBe(500);
    expect(res.text).toBe('Internal error, see the provider log.\n');
    const logged = logger.entries.find((e) => e.level === 'error');
    expect(logged?.fields).toMatchObject({ callId: 'call-1', route: '/system/functions' });
    expect(String(logged?.fields.err)).toContain('hunter2');
  });

  it('counts requests by templated path, code and method', async () => {
    await request(app).get('/system/function/a').auth(auth.user, auth.password);
    await request(app).get('/system/function/b').auth(auth.user, auth.password);
    await request(app).get('/healthz');
    const res = await request(app).get('/metrics');
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain(
      'provider_http_requests_total{code="404",method="GET",path="/system/function/{name}"} 2',
    );
    expect(res.text).toContain('provider_http_requests_total{code="200",method="GET",path="/healthz"} 1');
    expect(res.text).toMatch(
      /provider_http_request_duration_seconds_count\{code="404",method="GET",path="\/system\/function\/\{name\}"\} 2/,
    );
    expect(res.text).not.toContain('/system/function/a');
  });

  it('builds two apps side by side without a registry clash', () => {
    const second = createProviderApp(fake.roles, { logger, auth });
    expect(second.registry).not.toBe(app.registry);
    second.close();
  });
});

describe('createProviderApp: request log', () => {
  it('logs changes and failures at info, reads that succeed (the gateway polls them) at debug, with call id, status and duration', async () => {
    await request(app).get('/system/functions').auth(auth.user, auth.password).set('X-Call-Id', 'c-1');
    await request(app).get('/healthz');
    await request(app)
      .post('/system/functions')
      .auth(auth.user, auth.password)
      .set('X-Call-Id', 'c-2')
      .send(deployment);
    await request(app).get('/system/function/nope').auth(auth.user, auth.password);
    const lines = logger.entries.filter((e) => e.msg === 'request');
    expect(lines.map((e) => [e.level, e.fields.method, e.fields.path, e.fields.status])).toEqual([
      ['debug', 'GET', '/system/functions', 200],
      ['debug', 'GET', '/healthz', 200],
      ['info', 'POST', '/system/functions', 202],
      ['info', 'GET', '/system/function/{name}', 404],
    ]);
    expect(lines[2]?.fields).toMatchObject({ callId: 'c-2', method: 'POST', ms: expect.any(Number) });
  });
});
