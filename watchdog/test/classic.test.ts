import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alive, fixtures, spawners, startWatchdog as startWith } from './helpers.js';
import type { RunningWatchdog } from './helpers.js';
import { NodeSpawner } from '../src/function-process.js';
import type { Spawner } from '../src/function-process.js';

let wd: RunningWatchdog | undefined;
afterEach(async () => {
  await wd?.close();
  wd = undefined;
});

describe.each(spawners)('classic mode, processes started by %s', (name, makeSpawner) => {
  const startWatchdog = async (env: Record<string, string>) =>
    startWith(env, { spawner: await makeSpawner() });

  it('answers 200 with the output of the process, X-Duration-Seconds and the echoed Content-Type', async () => {
    wd = await startWatchdog({ fprocess: 'cat' });
    const res = await fetch(wd.url, {
      method: 'POST',
      body: 'hello',
      headers: { 'Content-Type': 'text/x-greeting' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/x-greeting');
    expect(res.headers.get('x-duration-seconds')).toMatch(/^\d+\.\d{6}$/);
    expect(await res.text()).toBe('hello');
  });

  it('logs "Forking fprocess." before and "Wrote <n> Bytes - Duration: <s>s" after each call', async () => {
    wd = await startWatchdog({ fprocess: 'cat' });
    await (await fetch(wd.url, { method: 'POST', body: 'hello' })).text();
    const lines = wd.logger.entries.map((e) => e.msg);
    const fork = lines.indexOf('Forking fprocess.');
    const wrote = lines.findIndex((l) => /^Wrote 5 Bytes - Duration: \d+\.\d+s$/.test(l));
    expect(fork).toBeGreaterThanOrEqual(0);
    expect(wrote).toBeGreaterThan(fork);
  });

  // Node's child_process gives a child socketpairs, which /dev/stdin cannot open (ENXIO); only
  // the fork server (the default) hands out real pipes, as the classic Go watchdog does.
  const itWithPipes = name === 'fork server' ? it : it.skip;
  itWithPipes('gives the process pipes, so /dev/stdin and /dev/stdout work', async () => {
    wd = await startWatchdog({ fprocess: `sh ${fixtures}/devstdio.sh` });
    const res = await fetch(wd.url, { method: 'POST', body: 'through /dev/stdin' });
    expect(await res.text()).toBe('through /dev/stdin');
    expect(res.status).toBe(200);
  });

  it('forces the Content-Type when content_type is set', async () => {
    wd = await startWatchdog({ fprocess: 'cat', content_type: 'application/json' });
    const res = await fetch(wd.url, {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{}');
  });

  it('passes Http_* variables for the request to the process', async () => {
    wd = await startWatchdog({ fprocess: 'env' });
    const res = await fetch(`${wd.url}/some/path?a=1&b=two`, {
      method: 'PUT',
      body: 'abc',
      headers: { 'X-Call-Id': 'call-1', 'Content-Type': 'text/plain' },
    });
    const env = await res.text();
    expect(res.status).toBe(200);
    for (const line of [
      'Http_Method=PUT',
      'Http_Path=/some/path',
      'Http_Query=a=1&b=two',
      'Http_ContentLength=3',
      'Http_X_Call_Id=call-1',
      'Http_Content_Type=text/plain',
      `Http_Host=${new URL(wd.url).host}`,
    ]) {
      expect(env.split('\n')).toContain(line);
    }
  });

  it('does not pass Http_* variables when cgi_headers=false', async () => {
    wd = await startWatchdog({ fprocess: 'env', cgi_headers: 'false' });
    const env = await (await fetch(wd.url, { method: 'POST', body: 'x' })).text();
    expect(env).toContain('PATH=');
    expect(env).not.toContain('Http_');
  });

  it('answers 500 with the error and the output when the process exits non-zero', async () => {
    wd = await startWatchdog({ fprocess: `node ${fixtures}/fail.mjs` });
    const res = await fetch(wd.url, { method: 'POST', body: '' });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toMatch(/^exit status 3\n/);
    expect(body).toContain('partial output');
    expect(body).toContain('something broke');
  });

  it('keeps stderr out of the response and logs it when combine_output=false', async () => {
    wd = await startWatchdog({ fprocess: `node ${fixtures}/fail.mjs`, combine_output: 'false' });
    const body = await (await fetch(wd.url, { method: 'POST', body: '' })).text();
    expect(body).not.toContain('something broke');
    expect(wd.logger.entries.map((e) => e.msg)).toContain('something broke');
  });

  it('answers 500 naming the error when fprocess cannot be started', async () => {
    wd = await startWatchdog({ fprocess: '/no/such/binary' });
    const res = await fetch(wd.url, { method: 'POST', body: 'x' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('fork/exec /no/such/binary: no such file or directory\n');
  });

  it('answers 408 "Killed process." on exec_timeout and kills the whole process group', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'watchdog-tree-')), 'pid');
    wd = await startWatchdog({ fprocess: `node ${fixtures}/tree.mjs`, exec_timeout: '2500ms' });
    const res = await fetch(wd.url, { method: 'POST', body: '', headers: { 'X-Pid-File': pidFile } });
    expect(res.status).toBe(408);
    expect(await res.text()).toBe('Killed process.\n');
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    expect(sleeper).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(sleeper)).toBe(false);
  });

  it.each(['OPTIONS', 'HEAD', 'COPY'])('answers 405 to %s', async (method) => {
    wd = await startWatchdog({ fprocess: 'cat' });
    const res = await fetch(wd.url, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
    expect(wd.logger.text()).not.toContain('Forking fprocess.');
  });

  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('runs the function for %s', async (method) => {
    wd = await startWatchdog({ fprocess: 'env' });
    const res = await fetch(wd.url, { method });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`Http_Method=${method}`);
  });

  it('answers 429 with X-OpenFaaS-Internal beyond max_inflight', async () => {
    wd = await startWatchdog({ fprocess: `node ${fixtures}/slow.mjs`, max_inflight: '1' });
    const first = fetch(wd.url, { method: 'POST', body: 'first', headers: { 'X-Delay': '800' } });
    await new Promise((r) => setTimeout(r, 200));
    const second = await fetch(wd.url, { method: 'POST', body: 'second' });
    expect(second.status).toBe(429);
    expect(second.headers.get('x-openfaas-internal')).toBe('watchdog');
    expect(await second.text()).toContain('Max concurrent requests: 1');
    const ok = await first;
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('first');
  });

  it('answers 413 when Content-Length exceeds max_body_size, without forking', async () => {
    wd = await startWatchdog({ fprocess: 'cat', max_body_size: '1KB' });
    const res = await fetch(wd.url, { method: 'POST', body: 'x'.repeat(1001) });
    expect(res.status).toBe(413);
    expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
    expect(await res.text()).toContain('1000 bytes');
    expect(wd.logger.text()).not.toContain('Forking fprocess.');
  });

  it('answers 413 when a chunked body grows past max_body_size', async () => {
    wd = await startWatchdog({ fprocess: 'cat', max_body_size: '1KB' });
    const body = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(400)));
        controller.close();
      },
    });
    const res = await fetch(wd.url, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('max_body_size');
  });

  it('accepts a body exactly at max_body_size', async () => {
    wd = await startWatchdog({ fprocess: 'cat', max_body_size: '1KB' });
    const res = await fetch(wd.url, { method: 'POST', body: 'z'.repeat(1000) });
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBe(1000);
  });

  it('hands the request to stdin as JSON when marshal_request=true', async () => {
    wd = await startWatchdog({ fprocess: 'cat', marshal_request: 'true' });
    const res = await fetch(wd.url, { method: 'POST', body: 'hi', headers: { 'X-Test': 'yes' } });
    const json = JSON.parse(await res.text()) as { header: Record<string, string[]>; body: { raw: string } };
    expect(json.header['X-Test']).toEqual(['yes']);
    expect(Buffer.from(json.body.raw, 'base64').toString()).toBe('hi');
  });

  it('hands a marshalled body larger than a pipe buffer to stdin too', async () => {
    wd = await startWatchdog({ fprocess: 'cat', marshal_request: 'true' });
    const body = Buffer.alloc(100 * 1024, 'm');
    const res = await fetch(wd.url, { method: 'POST', body });
    const json = JSON.parse(await res.text()) as { body: { raw: string } };
    expect(res.status).toBe(200);
    expect(Buffer.from(json.body.raw, 'base64').equals(body)).toBe(true);
  });

  it('logs the output, as the function wrote it, when write_debug=true', async () => {
    wd = await startWatchdog({ fprocess: 'cat', write_debug: 'true' });
    await (await fetch(wd.url, { method: 'POST', body: 'visible\nlines' })).text();
    expect(wd.logger.entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['visible', 'lines']));
  });

  it('passes a 10 MB body through unchanged', async () => {
    wd = await startWatchdog({ fprocess: 'cat' });
    const body = Buffer.alloc(10 * 1024 * 1024, 'abcdefgh');
    const res = await fetch(wd.url, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
  });

  it('kills the process when the client goes away', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'watchdog-gone-')), 'pid');
    wd = await startWatchdog({ fprocess: `node ${fixtures}/tree.mjs` });
    const controller = new AbortController();
    const pending = fetch(wd.url, {
      method: 'POST',
      body: '',
      headers: { 'X-Pid-File': pidFile },
      signal: controller.signal,
    });
    for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });
});

describe('a client that goes away while the process is starting', () => {
  it('still gets its process killed, so nothing waits forever on stdin', async () => {
    const killed: number[] = [];
    const real = new NodeSpawner();
    // A hand-written fake: starts a real `cat`, but only hands it over after 300 ms.
    const slow: Spawner = {
      async spawn(command, args, env, options) {
        const proc = await real.spawn(command, args, env, options);
        await new Promise((r) => setTimeout(r, 300));
        return { ...proc, killGroup: () => (killed.push(proc.pid ?? -1), proc.killGroup()) };
      },
      close: () => undefined,
    };
    const running = await startWith({ fprocess: 'cat' }, { spawner: slow });
    try {
      const controller = new AbortController();
      const pending = fetch(running.url, { method: 'POST', body: 'x', signal: controller.signal });
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      await expect(pending).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 500));
      expect(new Set(killed).size).toBe(1);
      expect(alive(killed[0] as number)).toBe(false);
    } finally {
      await running.close();
    }
  });
});
