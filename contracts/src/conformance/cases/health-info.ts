import { check, checkStatus } from '../assert.js';
import type { ConformanceCase } from '../case.js';

/** The provider is up, says what it is, and serves its metrics. */
export const healthInfoCases: ConformanceCase[] = [
  {
    id: 'healthz',
    title: 'GET /healthz answers 200 without credentials',
    async run(ctx) {
      const answer = await ctx.client.request('GET', '/healthz', { auth: null });
      checkStatus(answer.status, 200, 'GET /healthz', answer.text);
    },
  },
  {
    id: 'info',
    title: 'GET /system/info names the provider, its orchestration and version',
    async run(ctx) {
      const answer = await ctx.client.request('GET', '/system/info');
      checkStatus(answer.status, 200, 'GET /system/info', answer.text);
      const info = JSON.parse(answer.text) as Record<string, unknown>;
      const version = (info.version ?? {}) as Record<string, unknown>;
      for (const [field, value] of [
        ['provider', info.provider],
        ['orchestration', info.orchestration],
        ['version.release', version.release],
        ['version.sha', version.sha],
      ] as const) {
        check(
          typeof value === 'string' && value.length > 0,
          `/system/info: ${field} must be a non-empty string, got ${JSON.stringify(value)}`,
        );
      }
    },
  },
  {
    id: 'namespaces',
    title: 'GET /system/namespaces lists the namespaces as strings, including the one under test',
    async run(ctx) {
      const answer = await ctx.client.request('GET', '/system/namespaces');
      checkStatus(answer.status, 200, 'GET /system/namespaces', answer.text);
      const list = JSON.parse(answer.text) as unknown;
      check(
        Array.isArray(list) && list.length > 0 && list.every((n) => typeof n === 'string'),
        `expected a non-empty string array, got ${answer.text}`,
      );
      if (ctx.settings.namespace)
        check(
          list.includes(ctx.settings.namespace),
          `${ctx.settings.namespace} is not listed in ${answer.text}`,
        );
    },
  },
  {
    id: 'metrics',
    title: 'GET /metrics serves provider_http_requests_total in Prometheus text format',
    async run(ctx) {
      await ctx.client.request('GET', '/system/info');
      const answer = await ctx.client.request('GET', '/metrics', { auth: null });
      checkStatus(answer.status, 200, 'GET /metrics', answer.text);
      check(
        answer.text.includes('provider_http_requests_total'),
        'GET /metrics: provider_http_requests_total is missing',
      );
      check(
        answer.text.includes('provider_http_request_duration_seconds'),
        'GET /metrics: provider_http_request_duration_seconds is missing',
      );
    },
  },
];
