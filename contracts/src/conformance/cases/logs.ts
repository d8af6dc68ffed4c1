import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';
import type { LogMessage } from '../../wire/log.js';

const FORKING = 'Forking fprocess.';

function parseLines(text: string): LogMessage[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LogMessage);
}

/** Logs: NDJSON with the watchdog's lines; follow streams new lines. */
export const logCases: ConformanceCase[] = [
  {
    id: 'logs-forking',
    title: `GET /system/logs returns NDJSON log messages containing "${FORKING}" after an invocation`,
    async run(ctx) {
      const name = ctx.name('logs');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      const invoked = await ctx.invokeReady(name);
      checkStatus(invoked.status, 200, 'invoke', invoked.text);
      const lines = await ctx.waitFor(`"${FORKING}" in the logs of ${name}`, async () => {
        const answer = await ctx.client.request('GET', `/system/logs${ctx.query({ name, tail: '200' })}`);
        checkStatus(answer.status, 200, 'GET /system/logs', answer.text);
        check(
          /ndjson|json/.test(answer.headers.get('content-type') ?? ''),
          `content-type ${answer.headers.get('content-type')} is not NDJSON`,
        );
        const messages = parseLines(answer.text);
        return messages.some((m) => m.text.includes(FORKING)) ? messages : undefined;
      });
      const line = lines.find((m) => m.text.includes(FORKING)) as LogMessage;
      check(line.name === name, `log line name ${JSON.stringify(line.name)} ≠ ${name}`);
      for (const field of ['namespace', 'instance', 'timestamp'] as const) {
        check(
          typeof line[field] === 'string' && line[field].length > 0,
          `log line ${field} must be a non-empty string: ${JSON.stringify(line)}`,
        );
      }
      check(!Number.isNaN(Date.parse(line.timestamp)), `log line timestamp ${line.timestamp} is not a time`);
    },
  },
  {
    id: 'logs-follow',
    title: 'GET /system/logs?follow=true streams a line written after the request started',
    async run(ctx) {
      const name = ctx.name('follow');
      await ctx.deploy(ctx.deployment(ctx.settings.functions.env, name));
      await ctx.invokeReady(name);
      const aborter = new AbortController();
      const timer = setTimeout(() => aborter.abort(), ctx.settings.readyTimeoutMs);
      try {
        const res = await ctx.client.open(
          'GET',
          `/system/logs${ctx.query({ name, follow: 'true', tail: '0' })}`,
          { signal: aborter.signal },
        );
        checkStatus(res.status, 200, 'GET /system/logs?follow=true');
        check(res.body, 'the follow response has no body');
        const reader = res.body.getReader();
        await ctx.client.request('GET', ctx.functionPath(name), { auth: null });
        let text = '';
        while (!text.includes(FORKING)) {
          const { value, done } = await reader.read();
          check(
            !done,
            `the follow stream ended before "${FORKING}" arrived; got ${JSON.stringify(text.slice(0, 300))}`,
          );
          text += Buffer.from(value).toString('utf8');
        }
        await reader.cancel();
      } catch (err) {
        if (aborter.signal.aborted)
          throw new Error(
            `no "${FORKING}" line arrived on the follow stream within ${ctx.settings.readyTimeoutMs / 1000}s`,
            { cause: err },
          );
        throw err;
      } finally {
        clearTimeout(timer);
        aborter.abort();
      }
    },
  },
];
