import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type ErrorRequestHandler } from 'express';
import request from 'supertest';
import { FaasError } from '@faas/contracts';
import { MemoryLogger } from '@faas/service-kit';
import { until } from '@faas/service-kit/testing';
import { Registry } from 'prom-client';
import { openEmbeddedBackend } from '../src/embedded/embedded-backend.js';
import { CallbackPolicy } from '../src/callback-policy.js';
import { createAsyncRoutes, type FunctionFacts } from '../src/http/index.js';
import { sampleMessage } from '../src/testing/index.js';
import type { Delivery, QueueBackend, QueueMessage } from '../src/types.js';

/** What the gateway's error middleware does, in miniature. */
const errors: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = err instanceof FaasError ? err : new FaasError('INTERNAL');
  res.status(e.status).set('X-OpenFaaS-Internal', 'gateway').type('text/plain').send(`${e.message}\n`);
};

const functions: Record<string, FunctionFacts> = {
  'echo.openfaas-fn': {},
  'echo.team': {},
  'slow.openfaas-fn': {
    annotations: {
      'com.openfaas.queue': 'slow-jobs',
      'com.openfaas.retry.attempts': '9',
      'com.openfaas.retry.codes': '500',
    },
  },
};

/** POSTs `chunks` with chunked transfer encoding (no Content-Length) over a real socket; resolves to the status. */
async function postChunked(app: express.Express, path: string, chunks: string[]): Promise<number> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const req = httpRequest({
      port: (server.address() as AddressInfo).port,
      host: '127.0.0.1',
      path,
      method: 'POST',
    });
    const response = once(req, 'response').then(([res]) => (res as IncomingMessage).statusCode);
    req.on('error', () => undefined);
    for (const chunk of chunks) req.write(chunk);
    req.end();
    return (await response) ?? 0;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

describe('async invocation routes', () => {
  let dir: string;
  let backend: QueueBackend;
  let registry: Registry;
  let app: express.Express;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'faas-async-'));
    backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
    registry = new Registry();
    app = appWith(backend);
  });
  afterEach(async () => {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  });

  function appWith(
    queues: QueueBackend,
    metrics = registry,
    maxBodyBytes = 1024,
    callbackPolicy?: CallbackPolicy,
  ): express.Express {
    const a = express();
    createAsyncRoutes({
      backend: queues,
      findFunction: async (name, namespace) => functions[`${name}.${namespace}`],
      defaultNamespace: 'openfaas-fn',
      maxBodyBytes,
      logger: new MemoryLogger(),
      registry: metrics,
      ...(callbackPolicy ? { callbackPolicy } : {}),
    }).register(a);
    a.use(errors);
    return a;
  }

  /** Everything on a queue, without settling anything (the consumer is stopped right after). */
  async function drain(queue = 'faas-request', expected = 1): Promise<QueueMessage[]> {
    const got: QueueMessage[] = [];
    const consumer = backend.queue(queue).consume(
      async (d: Delivery) => {
        got.push(d.message);
        await d.ack();
      },
      { concurrency: 10, ackDeadlineMs: 10_000 },
    );
    await until(`${expected} messages on ${queue}`, () => got.length === expected, 10_000, 20);
    await consumer.stop();
    return got;
  }

  it('answers 202 with an X-Call-Id and an empty body, having queued the whole request', async () => {
    const res = await request(app)
      .post('/async-function/echo/a/b?x=1&y=%20')
      .set('Content-Type', 'text/plain')
      .set('X-Callback-Url', 'http://receiver.example:9000/hook?k=v')
      .set('X-Custom', 'one')
      .send('hello');
    expect(res.status).toBe(202);
    expect(res.text).toBe('');
    expect(res.headers['x-call-id']).toMatch(/^[0-9a-f-]{36}$/);

    const [message] = await drain();
    expect(message!.retry).toBeUndefined();
    expect(message!.request).toMatchObject({
      callId: res.headers['x-call-id'],
      function: 'echo',
      namespace: 'openfaas-fn',
      method: 'POST',
      path: '/a/b',
      query: 'x=1&y=%20',
      body: Buffer.from('hello').toString('base64'),
      callbackUrl: 'http://receiver.example:9000/hook?k=v',
    });
    expect(message!.request.headers).toMatchObject({ 'content-type': ['text/plain'], 'x-custom': ['one'] });
    expect(message!.request.headers).not.toHaveProperty('connection');
    expect(Date.parse(message!.request.enqueuedAt)).toBeGreaterThan(Date.now() - 10_000);
  });

  it('stores no credentials: Authorization, Cookie and proxy credentials stay out of the queue', async () => {
    const res = await request(app)
      .post('/async-function/echo')
      .set('Authorization', 'Basic YWRtaW46c2VjcmV0')
      .set('Cookie', 'session=s3cret')
      .set('Proxy-Authorization', 'Basic cHJveHk6c2VjcmV0')
      .set('X-Custom', 'kept')
      .send('x');
    expect(res.status).toBe(202);
    const [message] = await drain();
    expect(message!.request.headers).not.toHaveProperty('authorization');
    expect(message!.request.headers).not.toHaveProperty('cookie');
    expect(message!.request.headers).not.toHaveProperty('proxy-authorization');
    expect(message!.request.headers['x-custom']).toEqual(['kept']);
    expect(JSON.stringify(message)).not.toMatch(/s3cret|YWRtaW46c2VjcmV0|cHJveHk6c2VjcmV0/);
  });

  it('stores no header the Connection field names: it was for the hop to the gateway only', async () => {
    const res = await request(app)
      .post('/async-function/echo')
      .set('Connection', 'X-Hop-Secret')
      .set('X-Hop-Secret', 'for the gateway')
      .set('X-Custom', 'kept')
      .send('x');
    expect(res.status).toBe(202);
    const [message] = await drain();
    expect(message!.request.headers).not.toHaveProperty('x-hop-secret');
    expect(message!.request.headers['x-custom']).toEqual(['kept']);
  });

  it('takes the namespace from name.namespace and keeps a usable caller X-Call-Id', async () => {
    const res = await request(app).post('/async-function/echo.team').set('X-Call-Id', 'abc-123').send('');
    expect(res.status).toBe(202);
    expect(res.headers['x-call-id']).toBe('abc-123');
    const [message] = await drain();
    expect(message!.request).toMatchObject({ function: 'echo', namespace: 'team', path: '', query: '' });
  });

  it("queues on the function's own queue with its retry annotations", async () => {
    expect((await request(app).post('/async-function/slow').send('x')).status).toBe(202);
    const [message] = await drain('slow-jobs');
    expect(message!.retry).toEqual({ attempts: 9, codes: [500] });
    expect(await backend.queue('faas-request').depth()).toBe(0);
  });

  it.each(['not a url', '/relative/path', 'ftp://example.com/x', 'mailto:a@b.c'])(
    'refuses X-Callback-Url %j with 400 and queues nothing',
    async (url) => {
      const res = await request(app).post('/async-function/echo').set('X-Callback-Url', url).send('x');
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/^Invalid X-Callback-Url/);
      expect(await backend.queue('faas-request').depth()).toBe(0);
    },
  );

  it.each([
    ['http://127.0.0.1:8081/system/functions', '127.0.0.1', 'loopback'],
    ['http://localhost:9000/', 'localhost', 'loopback'],
    ['http://[::1]/', '::1', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'link-local'],
    ['http://0.0.0.0:8080/', '0.0.0.0', 'unspecified'],
  ])(
    'refuses a callback to %s with 400 by default, saying why, and queues nothing',
    async (url, host, kind) => {
      const res = await request(app).post('/async-function/echo').set('X-Callback-Url', url).send('x');
      expect(res.status).toBe(400);
      expect(res.text).toBe(
        `Invalid X-Callback-Url: callbacks may not go to ${host}: it is a ${kind} address; an operator can allow it in callback_allowed_hosts.\n`,
      );
      expect(await backend.queue('faas-request').depth()).toBe(0);
    },
  );

  it('takes a loopback callback the operator allows', async () => {
    const allowing = appWith(backend, new Registry(), 1024, new CallbackPolicy('*,127.0.0.1'));
    const res = await request(allowing)
      .post('/async-function/echo')
      .set('X-Callback-Url', 'http://127.0.0.1:9000/hook')
      .send('x');
    expect(res.status).toBe(202);
  });

  it.each([
    '/async-function/nope',
    '/async-function/echo.other',
    '/async-function/bad%20name',
    '/async-function/',
  ])('refuses %s with 404 before queueing', async (path) => {
    const res = await request(app).post(path).send('x');
    expect(res.status).toBe(404);
    expect(res.headers['x-openfaas-internal']).toBe('gateway');
    expect(res.text).toMatch(/^Function not found/);
    expect(await backend.queue('faas-request').depth()).toBe(0);
  });

  it('refuses a body over the limit with 413, by Content-Length or while streaming', async () => {
    const declared = await request(app).post('/async-function/echo').send('x'.repeat(1025));
    expect(declared.status).toBe(413);
    expect(await postChunked(app, '/async-function/echo', ['y'.repeat(800), 'y'.repeat(800)])).toBe(413);
    expect(await backend.queue('faas-request').depth()).toBe(0);
    expect((await request(app).post('/async-function/echo').send('x'.repeat(1024))).status).toBe(202);
  });

  it('takes any size when the limit is 0, as max_body_size=0 means', async () => {
    const unlimited = appWith(backend, new Registry(), 0);
    expect((await request(unlimited).post('/async-function/echo').send('z'.repeat(100_000))).status).toBe(
      202,
    );
    const [message] = await drain();
    expect(Buffer.from(message!.request.body, 'base64')).toHaveLength(100_000);
  });

  it('answers 503 when the queue cannot take the write', async () => {
    await backend.close();
    const res = await request(app).post('/async-function/echo').send('x');
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/^Queue unavailable/);
    backend = await openEmbeddedBackend({ dir, logger: new MemoryLogger() });
  });

  it('answers only once the queue has confirmed the write', async () => {
    let confirm = (): void => undefined;
    const gated: QueueBackend = {
      ...backend,
      queue: (name) => ({
        ...backend.queue(name),
        publish: () => new Promise<void>((resolve) => (confirm = resolve)),
      }),
    };
    let answered = false;
    const pending = request(appWith(gated, new Registry()))
      .post('/async-function/echo')
      .send('x')
      .then((res) => {
        answered = true;
        return res;
      });
    await new Promise((r) => setTimeout(r, 200));
    expect(answered).toBe(false);
    confirm();
    expect((await pending).status).toBe(202);
  });

  it.each(['get', 'put', 'delete', 'trace', 'options'] as const)(
    'answers %s with 405 and Allow: POST',
    async (method) => {
      for (const path of ['/async-function/echo', '/async-function/echo/deep/path']) {
        const res = await request(app)[method](path);
        expect(res.status).toBe(405);
        expect(res.headers.allow).toBe('POST');
      }
    },
  );

  it('counts requests of known functions by status in gateway_async_requests_total, never unknown names', async () => {
    await request(app).post('/async-function/echo').send('x');
    await request(app).post('/async-function/nope').send('x');
    const text = await registry.metrics();
    expect(text).toContain('gateway_async_requests_total{function_name="echo.openfaas-fn",code="202"} 1');
    expect(text).not.toContain('nope');
  });

  describe('dead letters', () => {
    const letter = (message: QueueMessage) => ({
      queue: 'faas-request',
      message,
      attempts: 5,
      reason: 'function answered 503',
      status: 503,
      deadAt: '2025-01-01T00:00:00.000Z',
    });

    it('lists them oldest first and shows one', async () => {
      const a = await backend.deadLetters.add(letter(sampleMessage()));
      const b = await backend.deadLetters.add(letter(sampleMessage()));
      const list = await request(app).get('/system/async/dead-letters');
      expect(list.status).toBe(200);
      expect(list.body.map((l: { id: string }) => l.id)).toEqual([a, b]);
      expect((await request(app).get('/system/async/dead-letters?limit=1')).body).toHaveLength(1);
      const one = await request(app).get(`/system/async/dead-letters/${a}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: a, attempts: 5, status: 503, reason: 'function answered 503' });
    });

    it.each(['0', '1001', 'all'])('refuses limit=%s with 400', async (limit) => {
      expect((await request(app).get(`/system/async/dead-letters?limit=${limit}`)).status).toBe(400);
    });

    it('re-drives one back onto its queue and forgets it', async () => {
      const message = sampleMessage();
      const id = await backend.deadLetters.add(letter(message));
      const res = await request(app).post(`/system/async/dead-letters/${id}/redrive`);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id, queue: 'faas-request', callId: message.request.callId });
      expect(await drain()).toEqual([message]);
      expect((await request(app).get(`/system/async/dead-letters/${id}`)).status).toBe(404);
    });

    it('re-drives every dead letter at once', async () => {
      const ids = [
        await backend.deadLetters.add(letter(sampleMessage())),
        await backend.deadLetters.add(letter(sampleMessage())),
      ];
      const res = await request(app).post('/system/async/dead-letters/redrive');
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ redriven: ids });
      expect(await drain('faas-request', 2)).toHaveLength(2);
    });

    it('discards one', async () => {
      const id = await backend.deadLetters.add(letter(sampleMessage()));
      expect((await request(app).delete(`/system/async/dead-letters/${id}`)).status).toBe(202);
      expect(await backend.deadLetters.list()).toEqual([]);
      expect(await backend.queue('faas-request').depth()).toBe(0);
    });

    it.each([
      ['get', '/system/async/dead-letters/missing'],
      ['post', '/system/async/dead-letters/missing/redrive'],
      ['delete', '/system/async/dead-letters/missing'],
    ] as const)('answers %s %s with 404', async (method, path) => {
      const res = await request(app)[method](path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('No dead letter with id missing.\n');
    });
  });
});
