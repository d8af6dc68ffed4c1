// The kit itself: breaking one provider behaviour makes the named case fail, and an unbroken
// provider behind the same pass-through proxy passes those cases.
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localFunctions, runCli, runConformance } from '@faas/contracts/conformance';
import { startProvider } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';

/** One forwarded exchange; a breakage may rewrite the request or the answer. */
interface Exchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
type Breakage = (exchange: Exchange, forward: (e: Exchange) => Promise<Answer>) => Promise<Answer>;

const DROPPED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A pass-through proxy to `target` that lets `breakage` change one behaviour. */
async function brokenProvider(target: string, breakage: Breakage): Promise<{ url: string; server: Server }> {
  const forward = async (e: Exchange): Promise<Answer> => {
    const res = await fetch(`${target}${e.path}`, {
      method: e.method,
      headers: e.headers,
      body: ['GET', 'HEAD'].includes(e.method) ? undefined : e.body,
      redirect: 'manual',
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (!DROPPED.has(k) && k !== 'content-encoding') headers[k] = v;
    });
    return { status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const server = createServer((req, res) => {
    void (async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (!DROPPED.has(k) && typeof v === 'string') headers[k] = v;
      const answer = await breakage(
        { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: await readAll(req) },
        forward,
      );
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Rewrites the JSON of function list/status answers. */
function rewriteStatus(change: (status: Record<string, unknown>) => void): Breakage {
  return async (e, forward) => {
    const answer = await forward(e);
    if (e.method !== 'GET' || !/^\/system\/functions?(\/|\?|$)/.test(e.path) || answer.status !== 200)
      return answer;
    const json = JSON.parse(answer.body.toString()) as Record<string, unknown> | Record<string, unknown>[];
    (Array.isArray(json) ? json : [json]).forEach(change);
    return { ...answer, body: Buffer.from(JSON.stringify(json)) };
  };
}

const breakages: [string, Breakage, string, RegExp][] = [
  [
    'drops faas_function from the labels',
    rewriteStatus((s) => delete (s.labels as Record<string, string>).faas_function),
    'deploy-lists-fields',
    /labels: expected faas_function=/,
  ],
  [
    'answers 202 to a PUT of an unknown function',
    async (e, forward) => {
      const answer = await forward(e);
      return e.method === 'PUT' && e.path === '/system/functions' && answer.status === 404
        ? { status: 202, headers: {}, body: Buffer.alloc(0) }
        : answer;
    },
    'update-unknown-404',
    /expected status 404, got 202/,
  ],
  [
    'answers {} for limits that were never deployed',
    rewriteStatus((s) => {
      s.limits ??= {};
    }),
    'deploy-omits-absent-fields',
    /limits should be absent, got \{\}/,
  ],
  [
    'omits annotations when none were deployed',
    rewriteStatus((s) => {
      delete s.annotations;
    }),
    'deploy-omits-absent-fields',
    /annotations should be an object \(\{\} when empty\), got undefined/,
  ],
  [
    "follows a function's redirect",
    async (e, forward) => {
      const answer = await forward(e);
      // What a following proxy hands back: the page the redirect pointed to.
      return e.path.startsWith('/function/') && answer.status === 302
        ? { status: 200, headers: {}, body: Buffer.from('the page it pointed to') }
        : answer;
    },
    'invoke-redirect-unfollowed',
    /expected status 302, got 200/,
  ],
  [
    'lets anyone list secrets',
    (e, forward) =>
      forward(
        e.method === 'GET' && e.path.startsWith('/system/secrets')
          ? { ...e, headers: { ...e.headers, authorization: good } }
          : e,
      ),
    'auth-401-everywhere',
    /GET \/system\/secrets with wrong credentials: 200/,
  ],
  [
    'deploys 1 replica whatever com.openfaas.scale.min says',
    async (e, forward) => {
      if (e.method === 'POST' && e.path === '/system/functions') {
        const body = JSON.parse(e.body.toString()) as { labels?: Record<string, string> };
        if (body.labels) delete body.labels['com.openfaas.scale.min'];
        return forward({ ...e, body: Buffer.from(JSON.stringify(body)) });
      }
      return forward(e);
    },
    'scale-min-label',
    /replicas 1 ≠ 2 right after deploy/,
  ],
];

let started: StartedProvider;
let good = '';
const servers: Server[] = [];

beforeAll(async () => {
  started = await startProvider();
  good = `Basic ${Buffer.from(`${started.auth.user}:${started.auth.password}`).toString('base64')}`;
});
afterAll(async () => {
  for (const s of servers) s.close();
  await started.destroy();
});

async function run(breakage: Breakage, only: string[]) {
  const proxy = await brokenProvider(started.url, breakage);
  servers.push(proxy.server);
  return runConformance({
    baseUrl: proxy.url,
    auth: started.auth,
    functions: localFunctions(),
    only,
    readyTimeoutMs: 5000,
    pollMs: 50,
  });
}

describe('the conformance kit', () => {
  it('passes the cases below against the unbroken provider behind the same proxy', async () => {
    const ids = [...new Set(breakages.map((b) => b[2]))];
    const results = await run((e, forward) => forward(e), ids);
    expect(results.map((r) => [r.id, r.outcome, r.message]).sort()).toEqual(
      ids.map((id) => [id, 'passed', undefined]).sort(),
    );
  });

  it.each(breakages.map(([what, breakage, id, message]) => ({ what, breakage, id, message })))(
    'fails case $id for a provider that $what',
    async ({ breakage, id, message }) => {
      const [result] = await run(breakage, [id]);
      expect(result?.id).toBe(id);
      expect(result?.outcome).toBe('failed');
      expect(result?.message).toMatch(message);
    },
  );
});

describe('the faas-conformance CLI', () => {
  it('passes against the local provider with the generated password file and prints the count', async () => {
    const lines: string[] = [];
    const code = await runCli(
      [
        '--url',
        started.url,
        '--password-file',
        started.provider.credentials?.passwordFile ?? '',
        '--only',
        'healthz',
        '--only',
        'info',
      ],
      (l) => lines.push(l),
    );
    expect(lines.join('\n')).not.toContain('✗');
    expect(lines.at(-1)).toBe('2 passed, 0 failed');
    expect(code).toBe(0);
  });
});
