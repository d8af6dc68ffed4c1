import { readFile } from 'node:fs/promises';
import type { FunctionUsage } from '@faas/contracts';

/** Resident memory of a process in bytes, from /proc (Linux); undefined elsewhere or when gone. */
async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** Memory of a function's watchdog processes, summed; undefined when it cannot be measured. */
export async function processUsage(pids: readonly number[]): Promise<FunctionUsage | undefined> {
  if (process.platform !== 'linux') return undefined;
  const sizes = await Promise.all(pids.map(residentBytes));
  return { totalMemoryBytes: sizes.reduce<number>((sum, n) => sum + (n ?? 0), 0) };
}
