import type { FunctionStatus } from '@faas/contracts';
import { MAX_REASON_READS, withNotReadyReasons } from './not-ready-reasons.js';

function fn(
  name: string,
  replicas: number,
  availableReplicas: number,
  notReadyReason?: string,
): FunctionStatus {
  return {
    name,
    image: 'img',
    namespace: 'openfaas-fn',
    labels: {},
    annotations: {},
    envVars: {},
    readOnlyRootFilesystem: false,
    replicas,
    availableReplicas,
    invocationCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
    ...(notReadyReason ? { notReadyReason } : {}),
  };
}

describe('withNotReadyReasons', () => {
  it('asks only functions with no ready replica and no reason, and shows what the single read says', async () => {
    const asked: string[] = [];
    const list = [
      fn('ready', 1, 1),
      fn('zero', 0, 0),
      fn('partly', 2, 1),
      fn('local', 1, 0, 'replica exited (exit code 127)'),
      fn('broken', 1, 0),
      fn('starting', 1, 0),
    ];
    const out = await withNotReadyReasons(list, async (f) => {
      asked.push(f.name);
      return f.name === 'broken' ? { ...f, notReadyReason: 'rejected: No such image: x:1' } : f;
    });
    expect(asked.sort()).toEqual(['broken', 'starting']);
    expect(out.map((f) => [f.name, f.notReadyReason])).toEqual([
      ['ready', undefined],
      ['zero', undefined],
      ['partly', undefined],
      ['local', 'replica exited (exit code 127)'],
      ['broken', 'rejected: No such image: x:1'],
      ['starting', undefined],
    ]);
    expect(list[4]!.notReadyReason).toBeUndefined();
  });

  it(`reads at most ${MAX_REASON_READS} functions per refresh, and keeps a row whose read fails`, async () => {
    const list = Array.from({ length: MAX_REASON_READS + 5 }, (_, i) => fn(`f${i}`, 1, 0));
    let reads = 0;
    const out = await withNotReadyReasons(list, async (f) => {
      reads++;
      if (f.name === 'f0') throw new Error('gone');
      return { ...f, notReadyReason: 'why' };
    });
    expect(reads).toBe(MAX_REASON_READS);
    expect(out).toHaveLength(list.length);
    expect(out[0]).toBe(list[0]);
    expect(out.filter((f) => f.notReadyReason === 'why')).toHaveLength(MAX_REASON_READS - 1);
  });
});
