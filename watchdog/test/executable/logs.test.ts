// What the watchdog writes to its output, which the platform serves at /system/logs: its own
// lines as Go's log package writes them (`2026/12/07 15:04:05 Forking fprocess.`, what the
// OpenFaaS watchdogs write and faas-cli, the certifier and people's scripts expect), and every
// line a function writes exactly as the function wrote it.
import { freePort, until } from '@faas/service-kit/testing';
import { fixtures, runTest, stopAll } from './runtimes.js';
import type { Executable } from './runtimes.js';

afterEach(stopAll);

/** `2026/12/07 15:04:05 ` — Go's log.LstdFlags prefix. */
const STAMP = String.raw`\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} `;

/** Waits until a whole output line, as written, is `expected` or matches it. */
function untilLine(wd: Executable, expected: string | RegExp): Promise<string> {
  const matches = (l: string): boolean => (typeof expected === 'string' ? l === expected : expected.test(l));
  return until(`an output line ${String(expected)}`, () => wd.lines().find(matches), 3000, 20).catch(
    (err: unknown) => {
      throw new Error(`${(err as Error).message}; the output:\n${wd.lines().join('\n')}`, { cause: err });
    },
  );
}

runTest('log lines', (host) => {
  it('writes its own lines as text with a Go log timestamp, one per call event', async () => {
    const wd = await host.start({ fprocess: 'sha512sum' });
    const res = await fetch(wd.url, { method: 'POST', body: '' });
    expect(res.status).toBe(200);
    await untilLine(wd, new RegExp(`^${STAMP}Wrote 132 Bytes - Duration: \\d+\\.\\d+s$`));
    const lines = wd.lines();
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${STAMP}Forking fprocess\\.$`)));
    expect(lines.filter((l) => l.startsWith('{'))).toEqual([]);
    // What the certifier's Test_FunctionLogs does with the last two lines.
    const calls = lines.slice(-2).map((l) => l.replace(/^[0-9/: ]+/, ''));
    expect(calls[0]).toBe('Forking fprocess.');
    expect(calls[1]).toMatch(/^Wrote 132 Bytes/);
  });

  it("passes a classic function's stderr through line by line, exactly as written", async () => {
    const wd = await host.start({
      fprocess: `sh ${fixtures}/log-lines.sh`,
      combine_output: 'false',
    });
    const res = await fetch(wd.url, { method: 'POST', body: '' });
    expect(await res.text()).toBe('the answer\n');
    await untilLine(wd, new RegExp(`^${STAMP}Wrote 11 Bytes`));
    const lines = wd.lines();
    for (const line of [
      'plain   line  with spaces',
      'written in two pieces',
      '{"level":"info","msg":"the function logs JSON itself"}',
      'no newline at the end',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it("passes a streaming function's stderr through exactly as written", async () => {
    const wd = await host.start({ fprocess: `sh ${fixtures}/log-lines.sh`, mode: 'streaming' });
    expect(await (await fetch(wd.url, { method: 'POST', body: '' })).text()).toBe('the answer\n');
    await untilLine(wd, 'no newline at the end');
    expect(wd.lines()).toEqual(
      expect.arrayContaining(['plain   line  with spaces', 'written in two pieces']),
    );
  });

  it("passes an http-mode function's stdout and stderr through exactly as written", async () => {
    const port = await freePort();
    const wd = await host.start({
      mode: 'http',
      fprocess: `node ${fixtures}/log-server.mjs`,
      upstream_url: `http://127.0.0.1:${port}`,
      UPSTREAM_PORT: String(port),
    });
    expect(await (await fetch(`${wd.url}/some/path?q=1`)).text()).toBe('ok');
    await untilLine(wd, 'handled GET /some/path?q=1');
    expect(wd.lines()).toEqual(
      expect.arrayContaining(['listening   on stdout', '{"msg":"a JSON line on stderr"}']),
    );
  });

  it('prefixes function lines with the time and the stream when prefix_logs=true, as of-watchdog does', async () => {
    const wd = await host.start({
      fprocess: `sh ${fixtures}/log-lines.sh`,
      combine_output: 'false',
      prefix_logs: 'true',
    });
    await (await fetch(wd.url, { method: 'POST', body: '' })).text();
    await untilLine(wd, new RegExp(`^${STAMP}stderr: written in two pieces$`));
  });
});
