import type { V1Pod } from '@kubernetes/client-node';
import { notReadyReason } from './not-ready-reason.js';

type ContainerStatus = NonNullable<NonNullable<V1Pod['status']>['containerStatuses']>[number];

const pod = (name: string, status: V1Pod['status']): V1Pod => ({ metadata: { name }, status });

/** A pod whose one container is in `state`; `more` adds readiness, restarts, the last state. */
const podWith = (name: string, state: ContainerStatus['state'], more: Partial<ContainerStatus> = {}): V1Pod =>
  pod(name, {
    containerStatuses: [
      { name: 'fn', image: 'fn:1', imageID: '', ready: false, restartCount: 0, state, ...more },
    ],
  });

describe('notReadyReason', () => {
  it('names a container waiting on an image it cannot pull', () => {
    const waiting = { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope:1"' };
    expect(notReadyReason([podWith('fn-1', { waiting })])).toBe(
      'ImagePullBackOff: Back-off pulling image "nope:1"',
    );
  });

  it('adds the last exit of a crash-looping container', () => {
    const waiting = { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' };
    const lastState = { terminated: { exitCode: 127, reason: 'Error' } };
    expect(notReadyReason([podWith('fn-1', { waiting }, { restartCount: 3, lastState })])).toBe(
      'CrashLoopBackOff: back-off 40s restarting failed container (last exit code 127, Error)',
    );
  });

  it('says why the scheduler cannot place a pod', () => {
    const message = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.";
    const unschedulable = pod('fn-1', {
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }],
    });
    expect(notReadyReason([unschedulable])).toBe(`Unschedulable: ${message}`);
  });

  it('says nothing while pods are only starting, or ready', () => {
    const starting = podWith('fn-1', { waiting: { reason: 'ContainerCreating' } });
    const ready = podWith('fn-2', { running: {} }, { ready: true });
    expect(notReadyReason([starting, ready])).toBeUndefined();
    expect(notReadyReason([])).toBeUndefined();
  });
});
