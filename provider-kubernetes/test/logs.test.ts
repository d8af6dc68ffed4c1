// KubeLogReader: pods found by label, the function's container read with timestamps, several
// replicas merged, tail / since / instance / follow.
import type { LogMessage } from '@faas/contracts';
import { until } from '@faas/service-kit/testing';
import { rejection, startHarness } from './support/harness.js';
import type { Harness } from './support/harness.js';

const at = (second: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, second));

async function collect(
  h: Harness,
  query: Partial<Parameters<Harness['logs']['read']>[0]>,
): Promise<LogMessage[]> {
  const out: LogMessage[] = [];
  const signal = new AbortController().signal;
  for await (const m of h.logs.read(
    { name: 'echo', namespace: 'openfaas-fn', follow: false, ...query },
    signal,
  ))
    out.push(m);
  return out;
}

describe('function logs from pods', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.deployer.deploy({ service: 'echo', image: 'echo:1' }, 'openfaas-fn');
    const c = h.fake.controllers;
    c.addPod('openfaas-fn', 'echo-a', { faas_function: 'echo' }, 'echo');
    c.addPod('openfaas-fn', 'echo-b', { faas_function: 'echo' }, 'echo');
    c.addPod('openfaas-fn', 'other-x', { faas_function: 'other' }, 'other');
    c.log('openfaas-fn', 'echo-a', 'echo', 'Forking fprocess.', at(1));
    c.log('openfaas-fn', 'echo-b', 'echo', 'b started', at(2));
    c.log('openfaas-fn', 'echo-a', 'echo', 'Wrote 5 Bytes - Duration: 0.01s', at(3));
    c.log('openfaas-fn', 'other-x', 'other', 'not mine', at(4));
  });
  afterEach(() => h.close());

  it('merges every replica by time, with instance and timestamps', async () => {
    expect(await collect(h, {})).toEqual([
      {
        name: 'echo',
        namespace: 'openfaas-fn',
        instance: 'echo-a',
        timestamp: '2026-01-02T03:04:01.000000000Z',
        text: 'Forking fprocess.',
      },
      {
        name: 'echo',
        namespace: 'openfaas-fn',
        instance: 'echo-b',
        timestamp: '2026-01-02T03:04:02.000000000Z',
        text: 'b started',
      },
      {
        name: 'echo',
        namespace: 'openfaas-fn',
        instance: 'echo-a',
        timestamp: '2026-01-02T03:04:03.000000000Z',
        text: 'Wrote 5 Bytes - Duration: 0.01s',
      },
    ]);
  });

  it.each([
    ['tail=1', { tail: 1 }, ['Wrote 5 Bytes - Duration: 0.01s']],
    ['tail=0', { tail: 0 }, []],
    ['since', { since: '2026-01-02T03:04:02Z' }, ['b started', 'Wrote 5 Bytes - Duration: 0.01s']],
    ['instance', { instance: 'echo-b' }, ['b started']],
    ['an instance that is not a replica', { instance: 'other-x' }, []],
  ])('honours %s', async (_what, query, texts) => {
    expect((await collect(h, query)).map((m) => m.text)).toEqual(texts);
  });

  it('follows new lines from every replica until the signal aborts', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const m of h.logs.read(
        { name: 'echo', namespace: 'openfaas-fn', follow: true, tail: 0 },
        controller.signal,
      )) {
        seen.push(`${m.instance}: ${m.text}`);
      }
    })();
    await until('2 log streams followed', () => h.fake.logs.following === 2, 3_000, 10);
    h.fake.controllers.log('openfaas-fn', 'echo-b', 'echo', 'later b');
    h.fake.controllers.log('openfaas-fn', 'echo-a', 'echo', 'later a');
    await until('2 lines seen', () => seen.length === 2, 3_000, 10);
    controller.abort();
    await done;
    expect(seen.sort()).toEqual(['echo-a: later a', 'echo-b: later b']);
    await until('no log stream followed', () => h.fake.logs.following === 0, 3_000, 10);
  });

  it('with tail=0 keeps a line written as soon as read() was called (the caller has the headers by then)', async () => {
    const controller = new AbortController();
    const lines = h.logs.read(
      { name: 'echo', namespace: 'openfaas-fn', follow: true, tail: 0 },
      controller.signal,
    );
    await new Promise((r) => setTimeout(r, 5));
    h.fake.controllers.log('openfaas-fn', 'echo-a', 'echo', 'right away');
    const seen: string[] = [];
    const done = (async () => {
      for await (const m of lines) seen.push(m.text);
    })();
    await until('1 line seen', () => seen.length === 1, 3_000, 10);
    controller.abort();
    await done;
    expect(seen).toEqual(['right away']);
  });

  it('follows a pod that becomes ready after the request, from its first line', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const m of h.logs.read(
        { name: 'echo', namespace: 'openfaas-fn', follow: true, tail: 0 },
        controller.signal,
      )) {
        seen.push(`${m.instance}: ${m.text}`);
      }
    })();
    await until('2 log streams followed', () => h.fake.logs.following === 2, 3_000, 10);
    const c = h.fake.controllers;
    c.addPod('openfaas-fn', 'echo-c', { faas_function: 'echo' }, 'echo');
    c.log('openfaas-fn', 'echo-c', 'echo', 'c started');
    // Not ready yet: not followed.
    c.setEndpoints('openfaas-fn', 'echo', [{ ip: '10.244.0.3', port: 8080, ready: false, pod: 'echo-c' }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.logs.following).toBe(2);
    c.setEndpoints('openfaas-fn', 'echo', [{ ip: '10.244.0.3', port: 8080, ready: true, pod: 'echo-c' }]);
    await until('3 log streams followed', () => h.fake.logs.following === 3, 3_000, 10);
    c.log('openfaas-fn', 'echo-c', 'echo', 'c later');
    await until('2 lines seen', () => seen.length === 2, 3_000, 10);
    controller.abort();
    await done;
    expect(seen).toEqual(['echo-c: c started', 'echo-c: c later']);
    await until('no log stream followed', () => h.fake.logs.following === 0, 3_000, 10);
  });

  it('follows no later pod for one instance', async () => {
    const controller = new AbortController();
    const done = (async () => {
      for await (const _ of h.logs.read(
        { name: 'echo', namespace: 'openfaas-fn', follow: true, tail: 0, instance: 'echo-a' },
        controller.signal,
      ));
    })();
    await until('1 log stream followed', () => h.fake.logs.following === 1, 3_000, 10);
    h.fake.controllers.addPod('openfaas-fn', 'echo-c', { faas_function: 'echo' }, 'echo');
    h.fake.controllers.setEndpoints('openfaas-fn', 'echo', [
      { ip: '10.244.0.3', port: 8080, ready: true, pod: 'echo-c' },
    ]);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.logs.following).toBe(1);
    controller.abort();
    await done;
  });

  it('answers 404 for a function that does not exist', async () => {
    const err = await rejection(collect(h, { name: 'nope' }));
    expect([err.code, err.status]).toEqual(['FUNCTION_NOT_FOUND', 404]);
  });
});
