// classic mode through the real executable: one process per request, output buffered, the status
// saying how the process ended (watchdog/README.md, "Status codes").
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { until } from '@faas/service-kit/testing';
import {
  expectEchoed,
  fixtures,
  forkingHosts,
  markedProcesses,
  postChunked,
  rawRequest,
  runTest,
  sharedFixtures,
  stopAll,
} from './runtimes.js';
import type { MarkedProcess } from './runtimes.js';

afterEach(stopAll);

/** Waits until the call marked `marker` has forked forks-sleep.sh's `sleep 100`. */
function untilForked(marker: string): Promise<MarkedProcess> {
  return until(
    'the function to fork `sleep 100`',
    () => markedProcesses(marker).find((p) => p.cmdline === 'sleep 100'),
    3000,
    20,
  );
}

/** Expects every process of the call marked `marker` to be gone within 2 s. */
async function expectAllGone(marker: string): Promise<void> {
  await until(
    'every marked process to be gone',
    () => (markedProcesses(marker).length === 0 ? true : undefined),
    2000,
    20,
  ).catch(() => undefined);
  expect(markedProcesses(marker)).toEqual([]);
}

runTest(
  'classic mode',
  (host) => {
    it('answers 200 with the output, X-Duration-Seconds and the echoed Content-Type', async () => {
      const wd = await host.start({ fprocess: 'cat' });
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

    it('forces the Content-Type when content_type is set', async () => {
      const wd = await host.start({ fprocess: 'cat', content_type: 'application/json' });
      const res = await fetch(wd.url, {
        method: 'POST',
        body: '{}',
        headers: { 'Content-Type': 'text/plain' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe('{}');
    });

    // Node's child_process and Bun.spawn give a child socketpairs, which /dev/stdin cannot open
    // (ENXIO); only the fork server hands out real pipes, as the classic Go watchdog does.
    const itWithPipes = host.name === 'node (fork server)' ? it : it.skip;
    itWithPipes('gives the process pipes, so /dev/stdin and /dev/stdout work', async () => {
      const wd = await host.start({ fprocess: `sh ${sharedFixtures}/devstdio.sh` });
      const res = await fetch(wd.url, { method: 'POST', body: 'through /dev/stdin' });
      expect(await res.text()).toBe('through /dev/stdin');
      expect(res.status).toBe(200);
    });

    it('does not pass Http_* variables when cgi_headers=false', async () => {
      const wd = await host.start({ fprocess: 'env', cgi_headers: 'false' });
      const env = await (await fetch(wd.url, { method: 'POST', body: 'x' })).text();
      expect(env).toContain('PATH=');
      expect(env).not.toContain('Http_');
    });

    it('passes Http_Method, Http_Path, Http_Query and Http_<Header> to the process', async () => {
      const wd = await host.start({ fprocess: 'env' });
      const res = await fetch(`${wd.url}/some/path?a=1&b=two`, {
        method: 'PUT',
        body: 'abc',
        headers: { 'X-Call-Id': 'call-1', 'Content-Type': 'text/plain' },
      });
      expect(res.status).toBe(200);
      const env = (await res.text()).split('\n');
      expect(env).toEqual(
        expect.arrayContaining([
          'Http_Method=PUT',
          'Http_Path=/some/path',
          'Http_Query=a=1&b=two',
          'Http_ContentLength=3',
          'Http_X_Call_Id=call-1',
          'Http_Content_Type=text/plain',
          `Http_Host=127.0.0.1:${wd.port}`,
        ]),
      );
    });

    it('passes no hop-by-hop header as an Http_ variable: they describe the connection, not the request', async () => {
      const wd = await host.start({ fprocess: 'env' });
      const res = await rawRequest(wd.url, '/', {
        method: 'POST',
        body: 'abc',
        headers: {
          Connection: 'keep-alive',
          'Keep-Alive': 'timeout=5',
          'Proxy-Authorization': 'Basic c2VjcmV0',
          TE: 'trailers',
          'X-Kept': 'yes',
        },
      });
      expect(res.status).toBe(200);
      const names = res.body.split('\n').map((line) => line.split('=')[0]);
      expect(names).toContain('Http_X_Kept');
      expect(
        names.filter((n) => /^Http_(Connection|Keep_Alive|Proxy_|Te$|Trailer|Upgrade)/.test(n ?? '')),
      ).toEqual([]);
    });

    it('passes Http_Transfer_Encoding and a length of -1 for a chunked body, as the Go watchdogs do', async () => {
      const wd = await host.start({ fprocess: 'env' });
      const res = await rawRequest(wd.url, '/', {
        method: 'POST',
        body: 'abc',
        headers: { 'Transfer-Encoding': 'chunked' },
      });
      expect(res.body.split('\n')).toEqual(
        expect.arrayContaining([
          'Http_Transfer_Encoding=chunked',
          'Http_ContentLength=-1',
          'Http_Content_Length=-1',
        ]),
      );
    });

    it('answers 500 with the error and the output when the process exits non-zero', async () => {
      const wd = await host.start({ fprocess: `node ${sharedFixtures}/fail.mjs` });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).toMatch(/^exit status 3\n/);
      expect(body).toContain('partial output');
      expect(body).toContain('something broke');
    });

    it('keeps stderr out of the response and logs it when combine_output=false', async () => {
      const wd = await host.start({
        fprocess: `node ${sharedFixtures}/fail.mjs`,
        combine_output: 'false',
      });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      const body = await res.text();
      expect(res.status).toBe(500);
      expect(body).toContain('partial output');
      expect(body).not.toContain('something broke');
      await wd.waitForMessage(/something broke/);
    });

    it('answers 200 with an empty body, and logs stderr, for a process that writes only to stderr with combine_output=false', async () => {
      const wd = await host.start({
        fprocess: `sh ${fixtures}/stderr-only.sh`,
        combine_output: 'false',
      });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      await wd.waitForMessage(/only a log line/);
    });

    it.each([
      ['/no/such/binary', 'fork/exec /no/such/binary: no such file or directory\n'],
      ['no-such-command', 'exec: "no-such-command": executable file not found in $PATH\n'],
    ])('answers 500 worded as Go words it when fprocess %s cannot start', async (fprocess, text) => {
      const wd = await host.start({ fprocess });
      const res = await fetch(wd.url, { method: 'POST', body: 'x' });
      expect(res.status).toBe(500);
      expect(await res.text()).toBe(text);
    });

    it('answers 500 "signal: killed" and the output for a function killed by a signal, as Go words it', async () => {
      const wd = await host.start({ fprocess: `sh ${fixtures}/kill-self.sh` });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('signal: killed\nbefore the signal\n');
    });

    it('answers 408 "Killed process." on exec_timeout and leaves no forked `sleep 100` behind', async () => {
      const marker = randomUUID();
      const wd = await host.start({
        fprocess: `sh ${fixtures}/forks-sleep.sh`,
        exec_timeout: '1s',
      });
      const pending = fetch(wd.url, { method: 'POST', body: '', headers: { 'X-Marker': marker } });
      // While the call runs, the marker finds the grandchild: the check below can see one.
      const sleeper = await untilForked(marker);
      expect(sleeper.pid).toBeGreaterThan(0);
      const res = await pending;
      expect(res.status).toBe(408);
      expect(await res.text()).toBe('Killed process.\n');
      await expectAllGone(marker);
    });

    it('answers 504 naming write_timeout when that passes first, and leaves no forked `sleep 100` behind', async () => {
      const marker = randomUUID();
      const wd = await host.start({
        fprocess: `sh ${fixtures}/forks-sleep.sh`,
        write_timeout: '1s',
      });
      const started = Date.now();
      const res = await fetch(wd.url, { method: 'POST', body: '', headers: { 'X-Marker': marker } });
      expect(res.status).toBe(504);
      expect(await res.text()).toBe('Function timed out after 1000ms (write_timeout).\n');
      expect(Date.now() - started).toBeLessThan(3000);
      await expectAllGone(marker);
      await wd.waitForMessage('write_timeout of 1000ms exceeded, stopping the call.');
    });

    it('kills the function and what it forked when the client goes away', async () => {
      const marker = randomUUID();
      const wd = await host.start({ fprocess: `sh ${fixtures}/forks-sleep.sh` });
      const client = new AbortController();
      const pending = fetch(wd.url, {
        method: 'POST',
        body: '',
        headers: { 'X-Marker': marker },
        signal: client.signal,
      }).catch(() => 'aborted');
      await untilForked(marker);
      client.abort();
      expect(await pending).toBe('aborted');
      await expectAllGone(marker);
    });

    it('answers 429 with X-OpenFaaS-Internal: watchdog to a second concurrent call when max_inflight=1', async () => {
      const wd = await host.start({ fprocess: `sh ${fixtures}/slow.sh`, max_inflight: '1' });
      const first = fetch(wd.url, { method: 'POST', body: 'first', headers: { 'X-Sleep': '1' } });
      await wd.waitForMessage('Forking fprocess.');
      const second = await fetch(wd.url, { method: 'POST', body: 'second', headers: { 'X-Sleep': '0' } });
      expect(second.status).toBe(429);
      expect(second.headers.get('x-openfaas-internal')).toBe('watchdog');
      expect(await second.text()).toContain('Max concurrent requests: 1');
      const ok = await first;
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('first');
      const third = await fetch(wd.url, { method: 'POST', body: 'third', headers: { 'X-Sleep': '0' } });
      expect(third.status).toBe(200);
      expect(await third.text()).toBe('third');
    });

    it('answers 413 to a declared Content-Length over max_body_size without forking, and 200 at the limit', async () => {
      const wd = await host.start({ fprocess: 'cat', max_body_size: '1KB' });
      const over = await fetch(wd.url, { method: 'POST', body: 'x'.repeat(1001) });
      expect(over.status).toBe(413);
      expect(over.headers.get('x-openfaas-internal')).toBe('watchdog');
      expect(await over.text()).toContain('1000 bytes');
      expect(wd.messages()).not.toContain('Forking fprocess.');
      const at = await fetch(wd.url, { method: 'POST', body: 'z'.repeat(1000) });
      expect(at.status).toBe(200);
      expect(await at.text()).toBe('z'.repeat(1000));
    });

    it('answers 413 to a chunked body that grows past max_body_size', async () => {
      const wd = await host.start({ fprocess: 'cat', max_body_size: '1KB' });
      const res = await postChunked(wd.url, Array<string>(4).fill('y'.repeat(400)));
      expect(res.status).toBe(413);
      expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
      expect(await res.text()).toContain('max_body_size');
    });

    it('passes a 10 MB body through unchanged', async () => {
      const wd = await host.start({ fprocess: 'cat' });
      await expectEchoed(wd.url, randomBytes(10 * 1024 * 1024));
    });

    it('hands the request to stdin as JSON when marshal_request=true', async () => {
      const wd = await host.start({ fprocess: 'cat', marshal_request: 'true' });
      const res = await fetch(wd.url, { method: 'POST', body: 'hi', headers: { 'X-Test': 'yes' } });
      expect(res.status).toBe(200);
      const json = JSON.parse(await res.text()) as {
        header: Record<string, string[]>;
        body: { raw: string };
      };
      expect(json.header['X-Test']).toEqual(['yes']);
      expect(Buffer.from(json.body.raw, 'base64').toString()).toBe('hi');
    });

    it('hands a marshalled body larger than a pipe buffer to stdin too', async () => {
      const wd = await host.start({ fprocess: 'cat', marshal_request: 'true' });
      const body = Buffer.alloc(100 * 1024, 'm');
      const res = await fetch(wd.url, { method: 'POST', body });
      const json = JSON.parse(await res.text()) as { body: { raw: string } };
      expect(res.status).toBe(200);
      expect(Buffer.from(json.body.raw, 'base64').equals(body)).toBe(true);
    });

    it('logs the output, as the function wrote it, when write_debug=true', async () => {
      const wd = await host.start({ fprocess: 'cat', write_debug: 'true' });
      await (await fetch(wd.url, { method: 'POST', body: 'visible\nlines' })).text();
      await wd.waitForMessage('visible');
      await wd.waitForMessage('lines');
    });

    it('logs "Forking fprocess." and then "Wrote 5 Bytes - Duration: <s>s" for a call', async () => {
      const wd = await host.start({ fprocess: 'cat' });
      const res = await fetch(wd.url, { method: 'POST', body: 'hello' });
      expect(await res.text()).toBe('hello');
      const wrote = await wd.waitForMessage(/^Wrote 5 Bytes - Duration: \d+(\.\d+)?s$/);
      const messages = wd.messages();
      expect(messages.indexOf('Forking fprocess.')).toBeGreaterThanOrEqual(0);
      expect(messages.indexOf('Forking fprocess.')).toBeLessThan(messages.indexOf(wrote));
    });

    it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('runs the function for %s', async (method) => {
      const wd = await host.start({ fprocess: 'env' });
      const res = await fetch(wd.url, { method });
      expect(res.status).toBe(200);
      expect((await res.text()).split('\n')).toContain(`Http_Method=${method}`);
    });

    it.each(['OPTIONS', 'HEAD', 'COPY', 'PROPFIND'])(
      'answers 405 to %s without running the function',
      async (method) => {
        const wd = await host.start({ fprocess: 'env' });
        const res = await fetch(wd.url, { method });
        expect(res.status).toBe(405);
        expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
        expect(await res.text()).not.toContain('Http_Method');
        // Give a wrongly started process time to be logged.
        await sleep(100);
        expect(wd.messages()).not.toContain('Forking fprocess.');
      },
    );
  },
  forkingHosts,
);
