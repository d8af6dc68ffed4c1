// Resource quantities as Docker wants them. Memory follows Docker's own rule (go-units
// RAMInBytes): every suffix is binary, so `128m`, `128M`, `128Mi` and `128MiB` are all 128 × 2^20
// bytes. Kubernetes reads a bare `M` as 10^6; on Swarm we keep Docker's meaning and say so in the
// README. CPU is cores (`0.5`) or millicores (`500m`), converted to NanoCPUs.
import { FaasError } from '@faas/contracts';

const MEMORY = /^(\d+(?:\.\d+)?|\.\d+)\s*([kmgtpe])?(?:i)?(?:b)?$/i;
const POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };

/**
 * The smallest memory limit Docker starts a container with. A smaller limit is raised to it (the
 * string is still echoed as sent): otherwise every task would fail with "Minimum memory limit
 * allowed is 6MB".
 */
export const MIN_MEMORY_LIMIT_BYTES = 6 * 1024 * 1024;

/** Bytes of a memory quantity (`128Mi`, `1g`, `512m`, `1073741824`); INVALID_REQUEST when unreadable. */
export function memoryBytes(quantity: string, field: string): number {
  const match = MEMORY.exec(quantity.trim());
  if (!match) throw invalid(field, quantity, 'is not a memory quantity, use e.g. 128Mi, 1Gi or 256m');
  const value = Number(match[1]);
  const suffix = match[2]?.toLowerCase();
  const bytes = Math.floor(value * 1024 ** (suffix ? (POWERS[suffix] ?? 0) : 0));
  if (!Number.isSafeInteger(bytes)) throw invalid(field, quantity, 'is too large');
  return bytes;
}

const CPU = /^(?:(\d+(?:\.\d+)?|\.\d+)|(\d+)m)$/;

/** NanoCPUs of a CPU quantity (`0.5` or `500m` → 500000000); INVALID_REQUEST when unreadable. */
export function nanoCpus(quantity: string, field: string): number {
  const match = CPU.exec(quantity.trim());
  if (!match) throw invalid(field, quantity, 'is not a CPU quantity, use e.g. 0.5, 1 or 500m');
  const nano = match[1] !== undefined ? Number(match[1]) * 1e9 : Number(match[2]) * 1e6;
  const rounded = Math.round(nano);
  if (!Number.isSafeInteger(rounded)) throw invalid(field, quantity, 'is too large');
  // Docker wants at least 0.001 CPU; a positive value below that would silently mean "unlimited".
  if (rounded > 0 && rounded < 1e6) throw invalid(field, quantity, 'is below the 0.001 CPU Docker allows');
  return rounded;
}

function invalid(field: string, quantity: string, why: string): FaasError {
  return new FaasError(
    'INVALID_REQUEST',
    `invalid function deployment: ${field}: ${JSON.stringify(quantity)} ${why}`,
    [{ field, message: `${JSON.stringify(quantity)} ${why}` }],
  );
}
