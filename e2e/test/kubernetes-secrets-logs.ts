// Secrets and logs on the real cluster. A secret created through the gateway is a Kubernetes Secret
// mounted into the function's pod; a new value reaches the running function (the kubelet refreshes
// mounted Secrets; no restart). Logs come from the pods' containers through the API server and
// kubelet; `follow` also picks up pods started after the request.
import { until } from '@faas/service-kit/testing';
import { type GatewayClient, getJson, podsOf } from './kubernetes-support.js';

interface LogLine {
  name: string;
  namespace: string;
  instance: string;
  timestamp: string;
  text: string;
}

export function describeSecretsAndLogs(gateway: GatewayClient, password: string, namespace: string): void {
  describe('secrets mounted and updated', () => {
    afterAll(async () => {
      await gateway
        .system('DELETE', '/system/functions', { functionName: 'sec-reader' })
        .catch(() => undefined);
      await gateway.system('DELETE', '/system/secrets', { name: 'sec-token' }).catch(() => undefined);
    }, 60_000);

    it('mounts a secret into the function, and a new value reaches the running pod', async () => {
      const created = await gateway.system('POST', '/system/secrets', {
        name: 'sec-token',
        value: 'first value',
      });
      expect(created.status).toBe(201);
      const secret = await getJson<{
        metadata: { labels: Record<string, string> };
        data: Record<string, string>;
      }>(['-n', namespace, 'secret', 'sec-token']);
      expect(secret.metadata.labels['app.kubernetes.io/managed-by']).toBe('faas');
      expect(Buffer.from(secret.data['sec-token'] ?? '', 'base64').toString()).toBe('first value');

      const deployed = await gateway.system('POST', '/system/functions', {
        service: 'sec-reader',
        image: 'faas/watchdog:latest',
        envProcess: 'cat /var/openfaas/secrets/sec-token',
        secrets: ['sec-token'],
      });
      expect(deployed.status).toBe(202);
      expect(await gateway.invokeUntilOk('sec-reader', '', 120_000)).toBe('first value');
      const [pod] = await podsOf('sec-reader', namespace);

      const updated = await gateway.system('PUT', '/system/secrets', {
        name: 'sec-token',
        value: 'second value',
      });
      expect(updated.status).toBe(202);
      const started = Date.now();
      await until(
        'the new value in the running function',
        async () => {
          const res = await gateway.invoke('sec-reader', '');
          return (await res.text()) === 'second value' ? true : undefined;
        },
        90_000,
        1000,
      );
      console.log(
        `kubernetes e2e: an updated secret reached the running function in ${Date.now() - started} ms`,
      );
      // The same pod: no restart, no new rollout.
      expect((await podsOf('sec-reader', namespace)).map((p) => p.name)).toEqual([pod!.name]);
      // Never read back.
      const listed = await gateway.system('GET', '/system/secrets');
      expect(await listed.text()).not.toContain('second value');
    }, 240_000);
  });

  describe('logs', () => {
    afterAll(async () => {
      await gateway.system('DELETE', '/system/functions', { functionName: 'log-env' }).catch(() => undefined);
    }, 60_000);

    const readLines = (query: string) => gateway.logLines<LogLine>(query);

    it('returns the watchdog lines of every replica, merged by time, with tail', async () => {
      const deployed = await gateway.system('POST', '/system/functions', {
        service: 'log-env',
        image: 'faas/fn-env:latest',
        labels: { 'com.openfaas.scale.min': '2' },
      });
      expect(deployed.status).toBe(202);
      await gateway.invokeUntilOk('log-env', '', 120_000);
      const pods = await until(
        '2 Ready pods',
        async () => {
          const all = (await podsOf('log-env', namespace)).filter((p) => p.ready);
          return all.length === 2 ? all.map((p) => p.name) : undefined;
        },
        120_000,
        500,
      );
      // Calls until both pods have served one (the gateway spreads them once it knows both).
      const lines = await until(
        'lines from both pods',
        async () => {
          expect((await gateway.invoke('log-env', '')).status).toBe(200);
          const all = await readLines('name=log-env&tail=1000');
          const from = new Set(all.filter((l) => l.text.includes('Forking fprocess')).map((l) => l.instance));
          return from.size === 2 ? all : undefined;
        },
        60_000,
        1000,
      );
      expect(new Set(lines.map((l) => l.instance))).toEqual(new Set(pods));
      expect(lines.every((l) => l.name === 'log-env' && l.namespace === namespace)).toBe(true);
      const times = lines.map((l) => l.timestamp);
      expect(times).toEqual([...times].sort());
      expect(await readLines('name=log-env&tail=3')).toEqual(lines.slice(-3));
      const one = await readLines(`name=log-env&instance=${pods[0]}&tail=1000`);
      expect(one.length).toBeGreaterThan(0);
      expect(one.every((l) => l.instance === pods[0])).toBe(true);
    }, 240_000);

    it('follows: streams new lines, including those of a pod started after the request', async () => {
      const before = new Set((await podsOf('log-env', namespace)).map((p) => p.name));
      const aborter = new AbortController();
      const res = await fetch(`${gateway.baseUrl}/system/logs?name=log-env&follow=true&tail=0`, {
        headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
        signal: aborter.signal,
      });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const seen: LogLine[] = [];
      let buffer = '';
      const pump = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += Buffer.from(value).toString('utf8');
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (line.trim()) seen.push(JSON.parse(line) as LogLine);
          }
        }
      })().catch(() => undefined);
      try {
        const scaled = await gateway.system('POST', '/system/scale-function/log-env', {
          serviceName: 'log-env',
          replicas: 3,
        });
        expect(scaled.status).toBe(202);
        const added = await until(
          'a third Ready pod',
          async () => {
            const pods = (await podsOf('log-env', namespace)).filter((p) => p.ready);
            return pods.length === 3 ? pods.map((p) => p.name).find((p) => !before.has(p)) : undefined;
          },
          120_000,
          500,
        );
        const line = await until(
          `a followed line from the new pod ${added}`,
          async () => {
            await gateway.invoke('log-env', '').then((r) => r.text());
            return seen.find((l) => l.instance === added && l.text.includes('Forking fprocess'));
          },
          60_000,
          300,
        );
        expect(line.name).toBe('log-env');
      } finally {
        aborter.abort();
        await pump;
      }
    }, 240_000);
  });
}
