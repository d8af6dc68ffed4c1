import { existsSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { fixtures, startWatchdog } from './helpers.js';
import type { RunningWatchdog } from './helpers.js';

let wd: RunningWatchdog | undefined;
afterEach(async () => {
  await wd?.close();
  wd = undefined;
});

describe('health, readiness and the lock file', () => {
  it('writes the lock file on start and answers /_/health and /_/ready with 200', async () => {
    wd = await startWatchdog({ fprocess: 'cat' });
    expect(existsSync(wd.lockFile)).toBe(true);
    for (const path of ['/_/health', '/_/ready']) {
      const res = await fetch(`${wd.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('OK\n');
    }
  });

  it('keeps idle keep-alive connections for 65 s, longer than callers keep them unused', async () => {
    wd = await startWatchdog({ fprocess: 'cat' });
    const header = await new Promise<string | undefined>((resolve, reject) => {
      get(`${wd?.url}/_/health`, { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume();
        res.socket.destroy();
        resolve(String(res.headers['keep-alive']));
      }).on('error', reject);
    });
    expect(header).toBe('timeout=65');
  });

  it('answers 503 once the lock file is gone', async () => {
    wd = await startWatchdog({ fprocess: 'cat' });
    rmSync(wd.lockFile);
    const res = await fetch(`${wd.url}/_/health`);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('Not ready.\n');
  });

  it('does not write or need the lock file when suppress_lock=true', async () => {
    wd = await startWatchdog({ fprocess: 'cat', suppress_lock: 'true' });
    expect(existsSync(wd.lockFile)).toBe(false);
    expect((await fetch(`${wd.url}/_/health`)).status).toBe(200);
  });

  it('is not ready while max_inflight calls are running, but stays healthy', async () => {
    wd = await startWatchdog({ fprocess: `node ${fixtures}/slow.mjs`, max_inflight: '1' });
    const call = fetch(wd.url, { method: 'POST', body: 'x', headers: { 'X-Delay': '600' } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${wd.url}/_/ready`)).status).toBe(503);
    expect((await fetch(`${wd.url}/_/health`)).status).toBe(200);
    expect((await call).status).toBe(200);
    expect((await fetch(`${wd.url}/_/ready`)).status).toBe(200);
  });

  it('serves the three metrics on the metrics server', async () => {
    wd = await startWatchdog({ fprocess: 'cat', metrics_port: '9' });
    const metricsServer = wd.watchdog.metricsServer;
    if (metricsServer === undefined) throw new Error('expected a metrics server');
    await new Promise<void>((r) => metricsServer.listen(0, '127.0.0.1', r));
    const port = (metricsServer.address() as { port: number }).port;
    await (await fetch(wd.url, { method: 'POST', body: 'x' })).text();
    await (await fetch(wd.url, { method: 'OPTIONS' })).text();
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    metricsServer.close();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toContain('http_requests_total{code="200",method="post"} 1');
    expect(text).toContain('http_requests_total{code="405",method="options"} 1');
    expect(text).toContain('http_request_duration_seconds_count{code="200",method="post"} 1');
    expect(text).toContain('http_requests_in_flight 0');
  });

  it('has no metrics server when metrics_port=0', async () => {
    wd = await startWatchdog({ fprocess: 'cat', metrics_port: '0' });
    expect(wd.watchdog.metricsServer).toBeUndefined();
  });
});

describe('the SIGTERM sequence', () => {
  it('goes unready, keeps serving for healthcheck_interval, drains the call in flight, then closes', async () => {
    wd = await startWatchdog({
      fprocess: `node ${fixtures}/slow.mjs`,
      healthcheck_interval: '400ms',
      write_timeout: '5s',
    });
    const inFlight = fetch(wd.url, { method: 'POST', body: 'in flight', headers: { 'X-Delay': '900' } });
    await new Promise((r) => setTimeout(r, 150));
    const stopped = wd.watchdog.shutdown();
    expect(existsSync(wd.lockFile)).toBe(false);
    const health = await fetch(`${wd.url}/_/health`, { headers: { Connection: 'close' } });
    expect(health.status).toBe(503);
    const during = await fetch(wd.url, {
      method: 'POST',
      body: 'still served',
      headers: { Connection: 'close' },
    });
    expect(await during.text()).toBe('still served');
    await new Promise((r) => setTimeout(r, 400));
    await expect(fetch(wd.url, { method: 'POST', body: 'too late' })).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('in flight');
    await stopped;
    expect(wd.watchdog.server.listening).toBe(false);
  });

  it('stops a call still running when write_timeout ends the drain, with a 504', async () => {
    wd = await startWatchdog({
      fprocess: `node ${fixtures}/slow.mjs`,
      healthcheck_interval: '0',
      write_timeout: '300ms',
    });
    const inFlight = fetch(wd.url, { method: 'POST', body: 'x', headers: { 'X-Delay': '5000' } });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await wd.watchdog.shutdown();
    expect(Date.now() - started).toBeLessThan(2000);
    const res = await inFlight;
    expect([res.status, await res.text()]).toEqual([
      504,
      'Function timed out after 300ms (write_timeout).\n',
    ]);
  });
});
