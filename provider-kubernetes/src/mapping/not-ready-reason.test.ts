import type { V1Pod } from '@kubernetes/client-node';
import { notReadyReason } from './not-ready-reason.js';

const pod = (name: string, status: V1Pod['status']): V1Pod => ({ metadata: { name }, status });

describe('notReadyReason', () => {
  it('names a container waiting on an image it cannot pull', () => {
    const reason = notReadyReason([
      pod('fn-1', {
        containerStatuses: [
          {
            name: 'fn',
            image: 'nope:1',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nope:1"' } },
          },
        ],
      }),
    ]);
    expect(reason).toBe('ImagePullBackOff: Back-off pulling image "nope:1"');
  });

  it('adds the last exit of a crash-looping container', () => {
    const reason = notReadyReason([
      pod('fn-1', {
        containerStatuses: [
          {
            name: 'fn',
            image: 'fn:1',
            imageID: '',
            ready: false,
            restartCount: 3,
            state: {
              waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' },
            },
            lastState: { terminated: { exitCode: 127, reason: 'Error' } },
          },
        ],
      }),
    ]);
    expect(reason).toBe(
      'CrashLoopBackOff: back-off 40s restarting failed container (last exit code 127, Error)',
    );
  });

  it('says why the scheduler cannot place a pod', () => {
    const reason = notReadyReason([
      pod('fn-1', {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
          },
        ],
      }),
    ]);
    expect(reason).toBe(
      "Unschedulable: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it('says nothing while pods are only starting, or ready', () => {
    const starting = pod('fn-1', {
      containerStatuses: [
        {
          name: 'fn',
          image: 'fn:1',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    });
    const ready = pod('fn-2', {
      containerStatuses: [
        { name: 'fn', image: 'fn:1', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
      ],
    });
    expect(notReadyReason([starting, ready])).toBeUndefined();
    expect(notReadyReason([])).toBeUndefined();
  });

  it('keeps a long message within the contract’s 1,024 characters', () => {
    const reason = notReadyReason([
      pod('fn-1', {
        containerStatuses: [
          {
            name: 'fn',
            image: 'fn:1',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ErrImagePull', message: 'x'.repeat(5000) } },
          },
        ],
      }),
    ]);
    expect(reason).toHaveLength(1024);
    expect(reason?.startsWith('ErrImagePull: xxx')).toBe(true);
  });
});
