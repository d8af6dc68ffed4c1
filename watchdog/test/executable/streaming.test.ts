// streaming mode through the real executable: stdout reaches the client while the process runs,
// stderr goes to the log, and a failure before the first byte still gets its own status.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import {
  expectEchoed,
  fixtures,
  forkingHosts,
  postChunked,
  runTest,
  sharedFixtures,
  stopAll,
} from './runtimes.js';

afterEach(stopAll);

runTest(
  'streaming mode',
  (host) => {
    it('sends the first line before the process has written the second', async () => {
      const wd = await host.start({ mode: 'streaming', fprocess: `sh ${fixtures}/two-lines.sh` });
      const started = Date.now();
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      const first = await reader.read();
      const firstAt = Date.now() - started;
      expect(new TextDecoder().decode(first.value)).toBe('first line\n');
      let rest = '';
      for (let r = await reader.read(); !r.done; r = await reader.read())
        rest += new TextDecoder().decode(r.value);
      const endAt = Date.now() - started;
      expect(rest).toBe('second line\n');
      // The script sleeps 500 ms between its lines.
      expect(endAt - firstAt).toBeGreaterThanOrEqual(300);
    });

    it('logs stderr instead of sending it', async () => {
      const wd = await host.start({ mode: 'streaming', fprocess: `sh ${fixtures}/two-lines.sh` });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(await res.text()).toBe('first line\nsecond line\n');
      await wd.waitForMessage(/a log line/);
      await wd.waitForMessage(/^Wrote 23 Bytes - Duration: \d+(\.\d+)?s$/);
      expect(wd.messages()).toContain('Forking fprocess.');
    });

    it('answers 200 with an empty body when the process writes nothing', async () => {
      const wd = await host.start({ mode: 'streaming', fprocess: 'true' });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    });

    it('answers 500 with the exit status and stderr when the process fails before any output', async () => {
      const wd = await host.start({
        mode: 'streaming',
        fprocess: `sh ${fixtures}/fail-early.sh`,
      });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).toMatch(/^exit status 4\n/);
      expect(body).toContain('bad input');
    });

    it.each([
      ['exec_timeout', 408, 'Killed process.\n'],
      ['write_timeout', 504, 'Function timed out after 300ms (write_timeout).\n'],
    ])('answers %s passing before any output with %d', async (setting, status, text) => {
      const wd = await host.start({ mode: 'streaming', fprocess: 'sleep 5', [setting]: '300ms' });
      const started = Date.now();
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(status);
      expect(await res.text()).toBe(text);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('aborts the response when exec_timeout passes after output started', async () => {
      const wd = await host.start({
        mode: 'streaming',
        fprocess: `sh ${sharedFixtures}/ticks.sh`,
        exec_timeout: '1s',
      });
      const res = await fetch(wd.url, { method: 'POST', body: '' });
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
    });

    it('applies backpressure: a client that does not read stops the process from running ahead', async () => {
      const wd = await host.start({ mode: 'streaming', fprocess: 'cat /dev/zero' });
      const received = await new Promise<number>((resolve) => {
        const req = request(`${wd.url}/`, { method: 'GET' }, (res) => {
          res.pause();
          setTimeout(() => {
            const buffered = res.readableLength;
            req.destroy();
            resolve(buffered);
          }, 500);
        });
        req.end();
      });
      const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${wd.child.pid}/status`, 'utf8'))?.[1]);
      expect(received).toBeLessThan(4 * 1024 * 1024);
      expect(rssKb * 1024).toBeLessThan(2 * 1024 * 1024 * 1024);
    });

    it('answers 413 when a streamed body grows past max_body_size', async () => {
      const wd = await host.start({ mode: 'streaming', fprocess: 'wc -c', max_body_size: '1KB' });
      const res = await postChunked(wd.url, Array<string>(4).fill('y'.repeat(400)));
      expect(res.status).toBe(413);
      expect(res.headers.get('x-openfaas-internal')).toBe('watchdog');
    });

    it('streams a 10 MB body in and out unchanged', async () => {
      const wd = await host.start({ mode: 'streaming', fprocess: 'cat' });
      await expectEchoed(wd.url, randomBytes(10 * 1024 * 1024));
    });

    it('streams 100 MB with its resident memory growing by less than 25 MB', async () => {
      const wd = await host.start({
        mode: 'streaming',
        fprocess: 'cat',
        max_body_size: '200MB',
        write_timeout: '60s',
      });
      const pid = wd.child.pid as number;
      const rssKb = (): number =>
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      const before = rssKb();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssKb())), 5);
      try {
        const body = Buffer.alloc(100 * 1024 * 1024, 'abcdefgh');
        const res = await fetch(wd.url, { method: 'POST', body });
        expect(res.status).toBe(200);
        let length = 0;
        for await (const chunk of res.body as ReadableStream<Uint8Array>) length += chunk.length;
        expect(length).toBe(body.length);
      } finally {
        clearInterval(sampler);
      }
      expect((peak - before) / 1024).toBeLessThan(25);
    }, 30_000);
  },
  forkingHosts,
);
