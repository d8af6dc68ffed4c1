// http mode through the real executable: fprocess started once, every request reverse-proxied to
// upstream_url, and the watchdog exiting when that process dies.
import { freePort } from '@faas/service-kit/testing';
import { cannotRun, fixtures, rawRequest, runtimes, startExecutable, stopAll, within } from './runtimes.js';
import type { Executable, Runtime } from './runtimes.js';

afterEach(stopAll);

/** A watchdog in http mode in front of fixtures/upstream.mjs, which listens on a port of its own. */
async function startHttpMode(runtime: Runtime, extra: Record<string, string> = {}): Promise<Executable> {
  const port = await freePort();
  return startExecutable(runtime, {
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
}

describe.each(runtimes)('http mode on $name', (runtime) => {
  if (cannotRun(runtime)) return;

  it('proxies method, path, query, headers and body, and passes the status and headers back', async () => {
    const wd = await startHttpMode(runtime);
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

  it('drops hop-by-hop headers in both directions', async () => {
    const wd = await startHttpMode(runtime);
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
    const wd = await startHttpMode(runtime);
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
    const wd = await startHttpMode(runtime);
    const res = await fetch(`${wd.url}/redirect`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/elsewhere');
    expect(await res.text()).not.toContain('followed');
  });

  it('answers 504 when the upstream takes longer than exec_timeout', async () => {
    const wd = await startHttpMode(runtime, { exec_timeout: '500ms' });
    const started = Date.now();
    const res = await fetch(`${wd.url}/slow`);
    expect(res.status).toBe(504);
    await res.text();
    // The upstream answers after 2 s; the 504 must not wait for it.
    expect(Date.now() - started).toBeLessThan(1800);
  });

  it('exits with code 1 when the function process dies', async () => {
    const wd = await startHttpMode(runtime);
    const res = await fetch(`${wd.url}/crash`);
    expect(await res.text()).toBe('bye');
    const exit = await within('the watchdog to exit', wd.exited, 5000);
    expect(exit).toMatchObject({ code: 1, signal: null });
  });
});
