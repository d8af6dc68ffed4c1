import { fixtures, startWatchdog } from './helpers.js';
import type { RunningWatchdog } from './helpers.js';
import { freePort } from '@faas/service-kit/testing';

let wd: RunningWatchdog | undefined;
afterEach(async () => {
  await wd?.close();
  wd = undefined;
});

async function startHttpMode(extra: Record<string, string> = {}, deps = {}): Promise<RunningWatchdog> {
  const port = await freePort();
  return startWatchdog(
    {
      mode: 'http',
      fprocess: `node ${fixtures}/upstream.mjs`,
      upstream_url: `http://127.0.0.1:${port}`,
      ...extra,
    },
    { env: { PATH: process.env.PATH ?? '', UPSTREAM_PORT: String(port), UPSTREAM_DELAY_MS: '200' }, ...deps },
  );
}

describe('http mode', () => {
  it('starts the process once, waits for its port, then proxies method, path, query, headers and body', async () => {
    wd = await startHttpMode();
    for (const n of [1, 2]) {
      const res = await fetch(`${wd.url}/a/b?n=${n}`, {
        method: 'PUT',
        body: `body ${n}`,
        headers: { 'X-Test': 'yes' },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-upstream')).toBe('yes');
      expect(await res.json()).toEqual({
        method: 'PUT',
        url: `/a/b?n=${n}`,
        header: 'yes',
        body: `body ${n}`,
      });
    }
    expect(wd.logger.entries.filter((e) => e.msg === 'Forking fprocess.')).toHaveLength(1);
  });

  it.each([
    ['a declared 1 MB body', false],
    ['a chunked body of unknown length', true],
  ])('relays %s intact both ways', async (_label, chunked) => {
    wd = await startHttpMode();
    const text = 'x'.repeat(1024 * 1024 - 1) + 'y';
    const body = chunked
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            const bytes = new TextEncoder().encode(text);
            for (let i = 0; i < bytes.length; i += 100_000)
              controller.enqueue(bytes.subarray(i, i + 100_000));
            controller.close();
          },
        })
      : text;
    const res = await fetch(`${wd.url}/big`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(201);
    const echoed = (await res.json()) as { body: string };
    expect(echoed.body.length).toBe(text.length);
    expect(echoed.body === text).toBe(true);
  });

  it('proxies methods a forking mode refuses', async () => {
    wd = await startHttpMode();
    const res = await fetch(`${wd.url}/x`, { method: 'OPTIONS' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { method: string }).method).toBe('OPTIONS');
  });

  it('streams server-sent events as they are produced', async () => {
    wd = await startHttpMode();
    const res = await fetch(`${wd.url}/sse`);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: one\n\n');
    const second = await reader.read();
    expect(new TextDecoder().decode(second.value)).toBe('data: two\n\n');
  });

  it('passes on the headers of a streamed response before its first body byte', async () => {
    wd = await startHttpMode();
    const started = Date.now();
    const res = await fetch(`${wd.url}/held`);
    expect(Date.now() - started).toBeLessThan(800);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    expect(await res.text()).toBe('{"text":"late"}\n');
  });

  it('answers 504 when the function takes longer than exec_timeout', async () => {
    wd = await startHttpMode({ exec_timeout: '300ms' });
    const res = await fetch(`${wd.url}/slow`);
    expect(res.status).toBe(504);
    expect(await res.text()).toContain('exec_timeout');
  });

  it('reports unhealthy, answers 502 and calls onFatal (the watchdog exits) when the process dies', async () => {
    const fatal: Error[] = [];
    wd = await startHttpMode({}, { onFatal: (err: Error) => fatal.push(err) });
    expect((await fetch(`${wd.url}/_/health`)).status).toBe(200);
    expect(await (await fetch(`${wd.url}/crash`)).text()).toBe('bye');
    await new Promise((r) => setTimeout(r, 300));
    expect(fatal.map((e) => e.message)).toEqual([expect.stringContaining('exit code 7')]);
    expect((await fetch(`${wd.url}/_/health`)).status).toBe(503);
    const after = await fetch(`${wd.url}/again`);
    expect(after.status).toBe(502);
    expect(after.headers.get('x-openfaas-internal')).toBe('watchdog');
  });
});
