import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { check } from './assert.js';
import type { ConformanceCase } from './case.js';
import { conformanceCases } from './cases/index.js';
import { planCases, runConformance, summary } from './runner.js';
import type { ConformanceOptions } from './types.js';

const functions = {
  env: { image: 'i', envProcess: 'env' },
  secretReader: { image: 'i', envProcess: 'cat {{secret}}' },
  redirect: { image: 'i', envProcess: 'x', path: '/' },
};

let server: Server;
let baseUrl = '';
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(req.url === '/ok' ? 200 : 404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());
beforeEach(() => seen.splice(0));

const options = (extra: Partial<ConformanceOptions> = {}): ConformanceOptions => ({
  baseUrl,
  functions,
  ...extra,
});

describe('planCases', () => {
  it('refuses a skip without a reason', () => {
    expect(() => planCases({ skip: [{ reason: ' ', tests: ['healthz'] }] })).toThrow(
      'skipping healthz needs a reason',
    );
  });

  it('refuses to skip or select a case that does not exist', () => {
    expect(() => planCases({ skip: [{ reason: 'r', tests: ['helthz'] }] })).toThrow(
      'no case named helthz to skip',
    );
    expect(() => planCases({ only: ['nope'] })).toThrow('no case named nope');
  });

  it('keeps every case in order, marking skipped ones with their reason', () => {
    const planned = planCases({
      skip: [{ reason: 'no logs on this provider', tests: ['logs-forking', 'logs-follow'] }],
    });
    expect(planned.map((p) => p.case.id)).toEqual(conformanceCases.map((c) => c.id));
    expect(planned.filter((p) => p.skipReason).map((p) => [p.case.id, p.skipReason])).toEqual([
      ['logs-forking', 'no logs on this provider'],
      ['logs-follow', 'no logs on this provider'],
    ]);
  });

  it('has unique, kebab-case case ids', () => {
    const ids = conformanceCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('runConformance', () => {
  const cases: ConformanceCase[] = [
    {
      id: 'passes',
      title: 'passes',
      async run(ctx) {
        const res = await ctx.client.request('GET', '/ok');
        check(res.status === 200, 'not 200');
      },
    },
    {
      id: 'fails-after-deploying',
      title: 'fails but cleans up',
      async run(ctx) {
        ctx.cleanup(() => ctx.client.request('DELETE', '/cleanup'));
        check(false, 'the provider did something wrong');
      },
    },
    { id: 'skipped', title: 'skipped', run: async () => undefined },
  ];

  it('reports each result, runs cleanups of a failed case, and sums up', async () => {
    const reported: string[] = [];
    const results = await runConformance(
      options({ skip: [{ reason: 'not here', tests: ['skipped'] }] }),
      (r) => reported.push(r.id),
      cases,
    );
    expect(reported).toEqual(['passes', 'fails-after-deploying', 'skipped']);
    expect(results.map((r) => [r.outcome, r.message])).toEqual([
      ['passed', undefined],
      ['failed', 'the provider did something wrong'],
      ['skipped', 'not here'],
    ]);
    expect(seen).toEqual(['GET /ok', 'DELETE /cleanup']);
    expect(summary(results)).toBe('1 passed, 1 failed, 1 skipped');
  });

  it('sends the credentials it was given, read from a getter when the case runs', async () => {
    let auth: string | undefined;
    const probe: ConformanceCase = {
      id: 'probe',
      title: 'probe',
      async run(ctx) {
        await ctx.client.request('GET', '/ok');
      },
    };
    server.once('request', (req) => (auth = req.headers.authorization));
    await runConformance(options({ auth: () => ({ user: 'u', password: 'p' }) }), undefined, [probe]);
    expect(auth).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('fails a case whose cleanup fails', async () => {
    const leaky: ConformanceCase = {
      id: 'leaky',
      title: 'leaky',
      async run(ctx) {
        ctx.cleanup(async () => {
          throw new Error('could not delete');
        });
      },
    };
    const [result] = await runConformance(options(), undefined, [leaky]);
    expect(result).toMatchObject({ outcome: 'failed', message: 'cleanup failed: could not delete' });
  });

  it('prints no skipped count when nothing was skipped', () => {
    expect(summary([{ id: 'a', title: 'a', outcome: 'passed', durationMs: 1 }])).toBe('1 passed, 0 failed');
  });
});
