// http mode through the real executable: fprocess started once, every request reverse-proxied to
// upstream_url, and the watchdog exiting when that process dies.
import { createHash } from 'node:crypto';
import { freePort, until } from '@faas/service-kit/testing';
import { fixtures, rawRequest, runTest, stopAll, within } from './runtimes.js';
import type { Executable, Host } from './runtimes.js';

afterEach(stopAll);

/** A watchdog in http mode in front of fixtures/upstream.mjs, which listens on a port of its own. */
async function startHttpMode(host: Host, extra: Record<string, string> = {}): Promise<Executable> {
  const port = await freePort();
  return host.start({
    mode: 'http',
    fprocess: `node ${fixtures}/upstream.mjs`,
    upstream_url: `http://127.0.0.1:${port}`,
    UPSTREAM_PORT: String(port),
    ...extra,
  });
}

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The port of the watchdog's end of the connection the upstream served this on. */
  clientPort: number;
  /** The function process that answered. */
  pid: number;
}

async function echo(url: string): Promise<Echo> {
  const res = await fetch(url, { method: 'POST', body: 'x' });
  expect(res.status).toBe(201);
  return (await res.json()) as Echo;
}

runTest('http mode', (host) => {
  it('proxies method, path, query, headers and body, and passes the status and headers back', async () => {
    const wd = await startHttpMode(host);
    const res = await fetch(`${wd.url}/a/b?n=1&m=two`, {
      method: 'PATCH',
      body: 'the body',
      headers: { 'X-Test': 'yes' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-upstream')).toBe('yes');
    const echo = (await res.json()) as Echo;
    expect(echo).toMatchObject({ method: 'PATCH', url: '/a/b?n=1&m=two', body: 'the body' });
    expect(echo.headers['x-test']).toBe('yes');
  });

  it('starts the function once and sends it every call, with methods a forking mode refuses too', async () => {
    const wd = await startHttpMode(host);
    const pids = new Set<number>();
    for (const method of ['PUT', 'OPTIONS', 'DELETE']) {
      const res = await fetch(`${wd.url}/x`, { method });
      expect(res.status).toBe(201);
      const echo = (await res.json()) as Echo;
      expect(echo.method).toBe(method);
      pids.add(echo.pid);
    }
    expect(pids.size).toBe(1);
  });

  // Bun.serve holds a streamed Response's header block until the first body chunk, and a Response
  // has no flushHeaders (watchdog/README.md, "Runtimes").
  const nodeOnly = host.runtime.name === 'node' ? it : it.skip;
  nodeOnly('passes on the headers of a streamed answer before its first body byte', async () => {
    const wd = await startHttpMode(host);
    const started = Date.now();
    const res = await fetch(`${wd.url}/held`);
    // The body comes 1 s after the headers.
    expect(Date.now() - started).toBeLessThan(800);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(await res.text()).toBe('{"text":"late"}\n');
  });

  it("adds X-Duration-Seconds to the function's answer, replacing its own, as of-watchdog does", async () => {
    const wd = await startHttpMode(host);
    const res = await rawRequest(wd.url, '/', { method: 'POST', body: 'x' });
    expect(res.status).toBe(201);
    expect(res.headers['x-duration-seconds']).toMatch(/^\d+\.\d{6}$/);
    const slow = await fetch(`${wd.url}/slow`);
    expect(Number(slow.headers.get('x-duration-seconds'))).toBeGreaterThanOrEqual(1.9);
    await slow.text();
  });

  it("passes the client's Host header through", async () => {
    const wd = await startHttpMode(host);
    const named = await rawRequest(wd.url, '/named', {
      method: 'POST',
      body: 'x',
      headers: { Host: 'fn.example' },
    });
    expect((JSON.parse(named.body) as Echo).headers.host).toBe('fn.example');
  });

  it('drops hop-by-hop headers in both directions', async () => {
    const wd = await startHttpMode(host);
    const res = await rawRequest(wd.url, '/hop', {
      method: 'POST',
      body: 'x',
      headers: {
        'X-Test': 'end-to-end',
        'Keep-Alive': 'timeout=9',
        'Proxy-Authorization': 'Basic eDp5',
        'Proxy-Connection': 'keep-alive',
        TE: 'trailers',
      },
    });
    expect(res.status).toBe(201);
    const echo = JSON.parse(res.body) as Echo;
    expect(echo.headers['x-test']).toBe('end-to-end');
    for (const name of ['keep-alive', 'proxy-authorization', 'proxy-connection', 'te']) {
      expect([name, echo.headers[name]]).toEqual([name, undefined]);
    }
    expect(res.headers['x-upstream']).toBe('yes');
    expect(res.headers['proxy-authenticate']).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=1234');
  });

  it('relays a chunked response chunk by chunk, the first before the upstream has ended', async () => {
    const wd = await startHttpMode(host);
    const started = Date.now();
    const res = await fetch(`${wd.url}/stream`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const firstAt = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toBe('first\n');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('second\n');
    // The upstream waits 500 ms between its chunks.
    expect(Date.now() - started - firstAt).toBeGreaterThanOrEqual(300);
  });

  it('passes a 302 through instead of following it', async () => {
    const wd = await startHttpMode(host);
    const res = await fetch(`${wd.url}/redirect`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/elsewhere');
    expect(await res.text()).not.toContain('followed');
  });

  it('answers 504 when the upstream takes longer than exec_timeout', async () => {
    const wd = await startHttpMode(host, { exec_timeout: '500ms' });
    const started = Date.now();
    const res = await fetch(`${wd.url}/slow`);
    expect(res.status).toBe(504);
    await res.text();
    // The upstream answers after 2 s; the 504 must not wait for it.
    expect(Date.now() - started).toBeLessThan(1800);
  });

  it('answers 504 naming the timeout that ran out: exec_timeout, or write_timeout when that is shorter', async () => {
    const exec = await startHttpMode(host, { exec_timeout: '300ms' });
    const byExec = await fetch(`${exec.url}/slow`);
    expect([byExec.status, await byExec.text()]).toEqual([
      504,
      'Function timed out after 300ms (exec_timeout).\n',
    ]);
    const write = await startHttpMode(host, { write_timeout: '300ms' });
    const started = Date.now();
    const byWrite = await fetch(`${write.url}/slow`);
    expect([byWrite.status, await byWrite.text()]).toEqual([
      504,
      'Function timed out after 300ms (write_timeout).\n',
    ]);
    expect(Date.now() - started).toBeLessThan(1800);
  });

  it('keeps connections to the upstream alive, and opens a new one after the upstream closes an idle one', async () => {
    const wd = await startHttpMode(host, { UPSTREAM_KEEPALIVE_MS: '200' });
    const first = await echo(`${wd.url}/one`);
    const second = await echo(`${wd.url}/two`);
    expect(second.clientPort).toBe(first.clientPort);
    await new Promise((r) => setTimeout(r, 1500)); // the upstream has closed the idle connection
    const third = await echo(`${wd.url}/three`);
    expect(third.clientPort).not.toBe(first.clientPort);
    expect(third.url).toBe('/three');
  });

  // The Node runtime's http.Agent answers 502 here instead (watchdog/README.md, "Runtimes").
  const bunOnly = host.runtime.name === 'bun' ? it : it.skip;
  bunOnly('sends a call again on a new connection when a reused one turns out closed', async () => {
    const wd = await startHttpMode(host);
    const port = Number(await (await fetch(`${wd.url}/drop-next`)).text());
    const next = await echo(`${wd.url}/next`);
    expect(next.url).toBe('/next');
    expect(next.clientPort).not.toBe(port);
  });

  it('streams a 10 MB upload of unknown length through, byte for byte', async () => {
    const wd = await startHttpMode(host);
    const block = Buffer.alloc(1 << 20);
    for (let i = 0; i < block.length; i++) block[i] = (i * 7) % 251;
    const expected = createHash('sha256');
    for (let i = 0; i < 10; i++) expected.update(block);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(block);
        else controller.close();
      },
    });
    const res = await fetch(`${wd.url}/count`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: 10 << 20, sha256: expected.digest('hex') });
  });

  it('streams a 10 MB answer through', async () => {
    const wd = await startHttpMode(host);
    const res = await fetch(`${wd.url}/big?n=${10 << 20}`);
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(10 << 20);
    expect(bytes.every((b) => b === 120)).toBe(true);
  });

  it('passes a 204 and an answer to HEAD through without a body, and the connection serves on', async () => {
    const wd = await startHttpMode(host);
    const empty = await rawRequest(wd.url, '/empty', { method: 'POST', body: 'x' });
    expect([empty.status, empty.headers['x-upstream'], empty.body]).toEqual([204, 'yes', '']);
    const head = await rawRequest(wd.url, '/anything', { method: 'HEAD' });
    expect([head.status, head.headers['x-upstream'], head.body]).toEqual([201, 'yes', '']);
    expect((await echo(`${wd.url}/after`)).url).toBe('/after');
  });

  it('relays a body that ends when the upstream closes the connection', async () => {
    const wd = await startHttpMode(host);
    const res = await fetch(`${wd.url}/close`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('until the end');
    expect((await echo(`${wd.url}/after`)).url).toBe('/after');
  });

  it('never passes on a body the upstream cut short as complete, and serves the next call', async () => {
    const wd = await startHttpMode(host);
    // Either a 502 before any byte, or a response whose body breaks off: never 100 bytes.
    const outcome = await fetch(`${wd.url}/cut`).then(
      async (res) => ({ status: res.status, body: await res.text().catch(() => 'broken') }),
      () => ({ status: 0, body: 'broken' }),
    );
    expect(outcome.body).not.toHaveLength(100);
    expect(outcome.status === 502 || outcome.body === 'broken').toBe(true);
    expect((await echo(`${wd.url}/after`)).url).toBe('/after');
  });

  it('gives up the upstream call when the client goes away', async () => {
    const wd = await startHttpMode(host);
    const client = new AbortController();
    const held = fetch(`${wd.url}/hold`, { signal: client.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 300));
    client.abort();
    expect(await held).toBe('aborted');
    const stats = await until(
      'the upstream to see the held call given up',
      async () => {
        const s = (await (await fetch(`${wd.url}/stats`)).json()) as { givenUp: number };
        return s.givenUp > 0 ? s : undefined;
      },
      2000,
      50,
    );
    expect(stats).toEqual({ givenUp: 1 });
  });

  it('exits with code 1 when the function process dies', async () => {
    const wd = await startHttpMode(host);
    const res = await fetch(`${wd.url}/crash`);
    expect(await res.text()).toBe('bye');
    const exit = await within('the watchdog to exit', wd.exited, 5000);
    expect(exit).toMatchObject({ code: 1, signal: null });
  });
});
