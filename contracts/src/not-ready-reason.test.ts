import { NOT_READY_REASON_MAX_LENGTH, setNotReadyReason } from './not-ready-reason.js';
import type { FunctionStatus } from './wire/function.js';

function status(): FunctionStatus {
  return {
    name: 'f',
    image: 'i',
    namespace: 'ns',
    labels: {},
    annotations: {},
    envVars: {},
    readOnlyRootFilesystem: false,
    replicas: 1,
    availableReplicas: 0,
    invocationCount: 0,
    createdAt: '2026-01-01T00:00:00Z',
  };
}

describe('setNotReadyReason', () => {
  it('sends a reason as given when it fits', () => {
    const s = status();
    setNotReadyReason(s, 'x'.repeat(NOT_READY_REASON_MAX_LENGTH));
    expect(s.notReadyReason).toBe('x'.repeat(NOT_READY_REASON_MAX_LENGTH));
  });

  it('cuts a longer reason to the limit, ending in an ellipsis', () => {
    const s = status();
    setNotReadyReason(s, `${'y'.repeat(NOT_READY_REASON_MAX_LENGTH)}tail`);
    expect(s.notReadyReason).toHaveLength(NOT_READY_REASON_MAX_LENGTH);
    expect(s.notReadyReason).toBe(`${'y'.repeat(NOT_READY_REASON_MAX_LENGTH - 1)}…`);
  });

  it.each([undefined, ''])('leaves the field out when there is no reason (%p)', (reason) => {
    const s = status();
    setNotReadyReason(s, reason);
    expect('notReadyReason' in s).toBe(false);
  });
});
