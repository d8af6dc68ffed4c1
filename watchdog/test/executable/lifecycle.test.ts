// The process around the function: startup (and refusing a bad configuration), health and the lock
// file, the SIGTERM sequence, and the metrics listener (watchdog/README.md, "Health, lock file,
// SIGTERM").
import { existsSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { until } from '@faas/service-kit/testing';
import { fixtures, rawRequest, runTest, stopAll, within } from './runtimes.js';
import type { Executable } from './runtimes.js';

afterEach(stopAll);

/** The lines of `GET /metrics`, after checking the answer is Prometheus text. */
async function metricLines(wd: Executable): Promise<string[]> {
  const res = await fetch(`${wd.metricsUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return (await res.text()).split('\n');
}

runTest('startup, health and shutdown', (host) => {
  it('exits quickly with code 2 and one message naming every bad variable', async () => {
    const started = Date.now();
    // No fprocess either.
    const wd = await host.spawn({ exec_timeout: 'ten', mode: 'bogus' });
    const exit = await within('the watchdog to exit', wd.exited, 5000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(exit).toMatchObject({ code: 2, signal: null });
    const text = wd.messages().join('\n');
    expect(text.match(/Invalid configuration/g)).toHaveLength(1);
    const message = text.slice(text.indexOf('Invalid configuration'));
    expect(message).toMatch(/^\s*mode: "bogus" is not one of /m);
    expect(message).toMatch(/^\s*exec_timeout: "ten" is not a duration/m);
    expect(message).toMatch(/^\s*fprocess: required/m);
  });

  it('is the runtime the row names, not another one started in its place', async () => {
    const wd = await host.start({ fprocess: 'cat' });
    expect(readlinkSync(`/proc/${wd.child.pid}/exe`)).toBe(realpathSync(host.runtime.command));
  });

  it('answers /_/health with 200 once started, with its lock file written', async () => {
    const wd = await host.start({ fprocess: 'cat' });
    expect(existsSync(wd.lockFile)).toBe(true);
    const res = await fetch(`${wd.url}/_/health`);
    expect(res.status).toBe(200);
    await res.text();
    const call = await fetch(wd.url, { method: 'POST', body: 'up' });
    expect(await call.text()).toBe('up');
  });

  it('answers /_/health with 503 once the lock file is deleted', async () => {
    const wd = await host.start({ fprocess: 'cat' });
    rmSync(wd.lockFile);
    const res = await fetch(`${wd.url}/_/health`);
    expect(res.status).toBe(503);
    await res.text();
  });

  it('on SIGTERM removes the lock, answers 503 for healthcheck_interval, finishes the call in flight, exits 0', async () => {
    const wd = await host.start({
      fprocess: `sh ${fixtures}/slow.sh`,
      healthcheck_interval: '1s',
      write_timeout: '10s',
    });
    // Outlasts healthcheck_interval, so it is still running when the listener closes.
    const inFlight = fetch(wd.url, { method: 'POST', body: 'in flight', headers: { 'X-Sleep': '2' } });
    await wd.waitForMessage('Forking fprocess.');
    wd.child.kill('SIGTERM');
    await until('the lock file to be removed', () => (existsSync(wd.lockFile) ? undefined : true), 900, 10);
    const health = await rawRequest(wd.url, '/_/health');
    expect(health.status).toBe(503);
    // Unready, but still serving until healthcheck_interval has passed.
    const during = await rawRequest(wd.url, '/', {
      method: 'POST',
      body: 'during',
      headers: { 'X-Sleep': '0' },
    });
    expect(during.status).toBe(200);
    expect(during.body).toBe('during');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('in flight');
    expect(await within('the watchdog to exit', wd.exited, 5000)).toMatchObject({ code: 0, signal: null });
    expect(existsSync(wd.lockFile)).toBe(false);
    await expect(rawRequest(wd.url, '/_/health')).rejects.toThrow();
  });

  it('serves http_requests_total, http_request_duration_seconds and http_requests_in_flight on metrics_port', async () => {
    const wd = await host.start({ fprocess: `sh ${fixtures}/slow.sh` });
    for (const [method, body] of [
      ['POST', 'a'],
      ['POST', 'b'],
      ['PUT', 'c'],
    ] as const) {
      const res = await fetch(wd.url, { method, body, headers: { 'X-Sleep': '0' } });
      expect(await res.text()).toBe(body);
    }
    const inFlight = fetch(wd.url, { method: 'POST', body: 'd', headers: { 'X-Sleep': '1' } });
    const during = await until(
      'http_requests_in_flight 1',
      async () => {
        const lines = await metricLines(wd);
        return lines.includes('http_requests_in_flight 1') ? lines : undefined;
      },
      3000,
      20,
    );
    expect(during).toEqual(
      expect.arrayContaining([
        '# TYPE http_requests_total counter',
        'http_requests_total{code="200",method="post"} 2',
        'http_requests_total{code="200",method="put"} 1',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{code="200",method="post",le="+Inf"} 2',
        'http_request_duration_seconds_count{code="200",method="post"} 2',
        'http_request_duration_seconds_count{code="200",method="put"} 1',
        '# TYPE http_requests_in_flight gauge',
      ]),
    );
    expect(during).toContainEqual(
      expect.stringMatching(
        /^http_request_duration_seconds_sum\{code="200",method="post"\} \d+(\.\d+)?(e-\d+)?$/,
      ),
    );
    expect(during).toContainEqual(
      expect.stringMatching(
        /^http_request_duration_seconds_bucket\{code="200",method="post",le="0\.005"\} \d+$/,
      ),
    );
    expect(await (await inFlight).text()).toBe('d');
    const after = await until(
      'the call to be counted',
      async () => {
        const lines = await metricLines(wd);
        return lines.includes('http_requests_in_flight 0') ? lines : undefined;
      },
      3000,
      20,
    );
    expect(after).toContain('http_requests_total{code="200",method="post"} 3');
  });
});
