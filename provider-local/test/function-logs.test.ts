// A function's log as /system/logs serves it on the local provider: what its watchdog and the
// function wrote, as text. The certifier's Test_FunctionLogs reads the last two
// lines of a sha512sum call and expects `Forking fprocess` and `Wrote 132 Bytes` once the
// `2026/12/07 15:04:05 ` timestamp is trimmed; faas-cli prints the `text` of each line as is.
import type { LogMessage } from '@faas/contracts';
import { until } from '@faas/service-kit/testing';
import { available, system } from './helpers.js';
import { startProvider } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';

let p: StartedProvider | undefined;
afterEach(async () => {
  await p?.destroy();
  p = undefined;
});

async function logLines(provider: StartedProvider, query: string): Promise<LogMessage[]> {
  const res = await system(provider, 'GET', `/system/logs?${query}`);
  expect(res.status).toBe(200);
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogMessage);
}

describe.each(['auto', 'node'])('function logs on the local provider (watchdog_runtime=%s)', (runtime) => {
  it("serves the watchdog's lines as text, as the OpenFaaS watchdogs write them", async () => {
    p = await startProvider({ watchdog_runtime: runtime });
    const provider = p;
    const deployed = await system(provider, 'POST', '/system/functions', {
      service: 'test-logger',
      image: 'functions/alpine:latest',
      envProcess: 'sha512sum',
    });
    expect(deployed.status).toBe(202);
    await available(provider, 'test-logger', 1);
    expect((await fetch(`${provider.url}/function/test-logger`, { method: 'POST' })).status).toBe(200);
    const lines = await until(
      'the call in the log',
      async () => {
        const last = await logLines(provider, 'name=test-logger&tail=2');
        return last.some((l) => l.text.includes('Wrote')) ? last : undefined;
      },
      10_000,
      50,
    );
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => l.text)).toEqual([
      expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} Forking fprocess\.$/),
      expect.stringMatching(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} Wrote 132 Bytes - Duration: \d+\.\d+s$/),
    ]);
    expect(lines.map((l) => l.text.replace(/^[0-9/: ]+/, '').split(' - ')[0])).toEqual([
      'Forking fprocess.',
      'Wrote 132 Bytes',
    ]);
  });

  it("serves the function's own stderr lines exactly as it wrote them", async () => {
    p = await startProvider({ watchdog_runtime: runtime });
    const provider = p;
    // fprocess is split on spaces (no shell), so the script has none.
    const script = 'process.stderr.write(`{"level":"warn","msg":"from-the-function"}\\n\\tindented\\n`)';
    const deployed = await system(provider, 'POST', '/system/functions', {
      service: 'talker',
      image: 'i',
      envProcess: `node -e ${script}`,
      envVars: { combine_output: 'false' },
    });
    expect(deployed.status).toBe(202);
    await available(provider, 'talker', 1);
    expect((await fetch(`${provider.url}/function/talker`, { method: 'POST' })).status).toBe(200);
    const texts = await until(
      'the function lines in the log',
      async () => {
        const all = (await logLines(provider, 'name=talker')).map((l) => l.text);
        return all.includes('\tindented') ? all : undefined;
      },
      10_000,
      50,
    );
    expect(texts).toContain('{"level":"warn","msg":"from-the-function"}');
  });
});
