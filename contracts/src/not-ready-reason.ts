import type { FunctionStatus } from './wire/function.js';

/** The longest `FunctionStatus.notReadyReason` a provider sends (contracts/openapi.yaml states it). */
export const NOT_READY_REASON_MAX_LENGTH = 1024;

/**
 * Puts a provider's words on why a replica is not ready onto `status`: a longer text is cut to
 * NOT_READY_REASON_MAX_LENGTH characters, the last one "…"; no reason leaves the field out. Every
 * provider sets the field through here.
 */
export function setNotReadyReason(status: FunctionStatus, reason: string | undefined): void {
  if (!reason) return;
  status.notReadyReason =
    reason.length > NOT_READY_REASON_MAX_LENGTH
      ? `${reason.slice(0, NOT_READY_REASON_MAX_LENGTH - 1)}…`
      : reason;
}
