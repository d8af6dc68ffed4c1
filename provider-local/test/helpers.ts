import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FunctionStatus } from '@faas/contracts';
import { until } from '@faas/service-kit/testing';
import type { StartedProvider } from './start-provider.js';

/** Calls the provider's system API with its credentials. */
export async function system(
  p: StartedProvider,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${p.url}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${p.auth.user}:${p.auth.password}`).toString('base64')}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The function's status (throws unless 200). */
export async function status(p: StartedProvider, name: string): Promise<FunctionStatus> {
  const res = await system(p, 'GET', `/system/function/${name}`);
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return (await res.json()) as FunctionStatus;
}

/** Waits until the function has exactly `n` available replicas; on timeout the error carries its logs. */
export async function available(
  p: StartedProvider,
  name: string,
  n: number,
  ms = 10_000,
): Promise<FunctionStatus> {
  try {
    return await until(
      `${name} to have ${n} available`,
      async () => {
        const s = await status(p, name);
        return s.availableReplicas === n ? s : undefined;
      },
      ms,
      50,
    );
  } catch (err) {
    const logs = await logText(p, name).catch(() => '(none)');
    throw new Error(`${(err as Error).message}; its logs:\n${logs}`, { cause: err });
  }
}

/** Pids of the running replicas, from the pid files. */
export async function replicaPids(p: StartedProvider, name: string): Promise<number[]> {
  const dir = join(p.dataDir, 'run');
  const files = (await readdir(dir).catch(() => [] as string[])).filter(
    (f) => f.startsWith(`${name}-`) && f.endsWith('.pid'),
  );
  return Promise.all(files.map(async (f) => Number((await readFile(join(dir, f), 'utf8')).trim())));
}

/** The text of every log line of a function. */
export async function logText(p: StartedProvider, name: string): Promise<string> {
  const res = await system(p, 'GET', `/system/logs?name=${name}`);
  return (await res.text())
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .join('\n');
}

/** Whether a process is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
