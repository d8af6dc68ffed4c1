import { request } from 'node:http';
import { fixtures, spawners, startWatchdog as startWith } from './helpers.js';
import type { RunningWatchdog } from './helpers.js';

let wd: RunningWatchdog | undefined;
afterEach(async () => {
  await wd?.close();
  wd = undefined;
});

describe.each(spawners)('streaming mode, processes started by %s', (_name, makeSpawner) => {
  const startWatchdog = async (env: Record<string, string>) =>
    startWith(env, { spawner: await makeSpawner() });

  it('sends output to the client while the process is still running', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: `node ${fixtures}/ticks.mjs` });
    const started = Date.now();
    const res = await fetch(wd.url, { method: 'POST', body: '', headers: { 'X-Delay': '600' } });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const firstAt = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toBe('tick 1\n');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('tick 2\n');
    expect(firstAt).toBeLessThan(Date.now() - started - 300);
  });

  it('logs stderr instead of sending it', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: `node ${fixtures}/ticks.mjs` });
    const body = await (
      await fetch(wd.url, { method: 'POST', body: '', headers: { 'X-Delay': '1' } })
    ).text();
    expect(body).toBe('tick 1\ntick 2\n');
    expect(wd.logger.entries.map((e) => e.msg)).toEqual(
      expect.arrayContaining([
        'a log line',
        'Forking fprocess.',
        expect.stringMatching(/^Wrote 14 Bytes - Duration: /),
      ]),
    );
  });

  it('answers 500 with stderr when the process fails before writing output', async () => {
    wd = await startWatchdog({
      mode: 'streaming',
      fprocess: 'node -e process.stderr.write("bad\\n");process.exit(4)',
    });
    const res = await fetch(wd.url, { method: 'POST', body: '' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('exit status 4\nbad\n');
  });

  it('answers 408 when exec_timeout passes before any output', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: 'sleep 5', exec_timeout: '300ms' });
    const res = await fetch(wd.url, { method: 'POST', body: '' });
    expect(res.status).toBe(408);
    expect(await res.text()).toBe('Killed process.\n');
  });

  it('aborts the response when exec_timeout passes after output started', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: `sh ${fixtures}/ticks.sh`, exec_timeout: '1s' });
    const res = await fetch(wd.url, { method: 'POST', body: '' });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('streams a 10 MB body in and out unchanged', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: 'cat' });
    const body = Buffer.alloc(10 * 1024 * 1024, 'streaming');
    const res = await fetch(wd.url, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
  });

  it('applies backpressure: a client that does not read stops the process from running ahead', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: 'cat /dev/zero' });
    const received = await new Promise<number>((resolve) => {
      const req = request(`${wd?.url}/`, { method: 'GET' }, (res) => {
        res.pause();
        setTimeout(() => {
          const buffered = res.readableLength;
          req.destroy();
          resolve(buffered);
        }, 500);
      });
      req.end();
    });
    const rss = process.memoryUsage().rss;
    expect(received).toBeLessThan(4 * 1024 * 1024);
    expect(rss).toBeLessThan(2 * 1024 * 1024 * 1024);
  });

  it('answers 413 when a streamed body grows past max_body_size', async () => {
    wd = await startWatchdog({ mode: 'streaming', fprocess: 'wc -c', max_body_size: '1KB' });
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(400)));
        controller.close();
      },
    });
    const res = await fetch(wd.url, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
  });
});
