import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpReadinessProbe } from './readiness-probe.js';

describe('HttpReadinessProbe', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/hang') return; // never answers
      res.statusCode = req.url === '/_/health' ? status : 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    hits.length = 0;
    status = 200;
  });

  it.each<[string, number, string]>([
    ['a 200', 200, 'ok'],
    ['a 503 (watchdog not accepting yet)', 503, 'fail'],
    ['a 404', 404, 'fail'],
  ])('answers %s from /_/health as %s', async (_what, code, expected) => {
    status = code;
    expect(await new HttpReadinessProbe({ timeoutMs: 1000 }).check(`t${code}`, base)).toBe(expected);
    expect(hits).toEqual(['/_/health']);
  });

  it('times out on a replica that accepts but does not answer', async () => {
    const probe = new HttpReadinessProbe({ timeoutMs: 100, path: '/hang' });
    const started = Date.now();
    expect(await probe.check('t1', base)).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails on a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await new HttpReadinessProbe({ timeoutMs: 1000 }).check('t1', `http://127.0.0.1:${port}`)).toBe(
      'fail',
    );
  });

  it('remembers a pass per task, and shares one probe between concurrent callers', async () => {
    let now = 0;
    const probe = new HttpReadinessProbe({ timeoutMs: 1000, passMs: 60_000, now: () => now });
    expect(await Promise.all([probe.check('a', base), probe.check('a', base)])).toEqual(['ok', 'ok']);
    now = 59_000;
    expect(await probe.check('a', base)).toBe('ok');
    expect(hits).toHaveLength(1);
    expect(await probe.check('b', base)).toBe('ok');
    expect(hits).toHaveLength(2);
    now = 60_001;
    expect(await probe.check('a', base)).toBe('ok');
    expect(hits).toHaveLength(3);
  });

  it('remembers a failure only briefly, then probes again', async () => {
    let now = 0;
    const probe = new HttpReadinessProbe({ timeoutMs: 1000, failMs: 50, now: () => now });
    status = 503;
    expect(await probe.check('a', base)).toBe('fail');
    now = 40;
    expect(await probe.check('a', base)).toBe('fail');
    expect(hits).toHaveLength(1);
    status = 200;
    now = 51;
    expect(await probe.check('a', base)).toBe('ok');
    expect(hits).toHaveLength(2);
  });
});
