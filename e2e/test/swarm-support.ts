// Shared pieces of the Swarm end-to-end suites: the stack deployed and removed exactly as
// deploy/swarm/README.md tells an operator (up.sh / down.sh), a small client for the gateway, and
// polling helpers. Every wait is bounded.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { until } from '@faas/service-kit/testing';

const exec = promisify(execFile);

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The port the stack publishes the gateway on in these tests (`up.sh --port`): not 8080, which
 * `npm start` and its suites use on the same machine.
 */
export const GATEWAY_PORT = Number(process.env.FAAS_E2E_SWARM_PORT ?? 31112);

/**
 * A fetch that gives up: a published port whose container is not listening yet can accept the
 * connection and never answer.
 */
export function fetchWithin(url: string, init: RequestInit = {}, ms = 30_000): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
}

/** The gateway's base URL. */
export const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}`;

/** Runs a command in the repository; rejects with its output when it fails. */
export async function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<string> {
  try {
    const { stdout } = await exec(command, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, {
      cause: err,
    });
  }
}

/** A password for one run. */
export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Where the suites write the output of up.sh and down.sh (kept for a failed CI run). */
export const STACK_LOG = process.env.FAAS_E2E_SWARM_LOG ?? '/tmp/faas-e2e-swarm-stack.log';

/**
 * `deploy/swarm/up.sh --offline` with the password given in FAAS_PASSWORD, as the README says.
 * Output goes to a file (and is returned): a pipe would also wait for anything up.sh leaves behind.
 */
export async function upStack(password: string): Promise<string> {
  // FAAS_E2E_SWARM_NO_BUILD=1 reuses the images already built (local iterations; CI never sets it).
  const noBuild = process.env.FAAS_E2E_SWARM_NO_BUILD === '1' ? ' --no-build' : '';
  await run('sh', ['-c', `sh deploy/swarm/up.sh --offline${noBuild} >${STACK_LOG} 2>&1 </dev/null`], {
    FAAS_PASSWORD: password,
    FAAS_PORT: String(GATEWAY_PORT),
  }).catch(async (err: unknown) => {
    throw new Error(`up.sh failed:\n${await readFile(STACK_LOG, 'utf8').catch(() => '')}`, { cause: err });
  });
  return readFile(STACK_LOG, 'utf8');
}

/** `deploy/swarm/down.sh --purge`: the stack, its functions, secrets and network. */
export async function downStack(): Promise<string> {
  await run('sh', ['-c', `sh deploy/swarm/down.sh --purge >>${STACK_LOG} 2>&1 </dev/null`], {}, 180_000);
  return readFile(STACK_LOG, 'utf8');
}

/** A client for the gateway's API with basic auth. */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly password: string,
    private readonly user = 'admin',
  ) {}

  /** A `/system/*` call with credentials. */
  system(method: string, path: string, body?: unknown): Promise<Response> {
    return fetchWithin(`${this.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${this.user}:${this.password}`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** `POST /system/functions` (or PUT with `method`); fails with the gateway's answer unless 202/200. */
  async deploy(deployment: Record<string, unknown>, method: 'POST' | 'PUT' = 'POST'): Promise<void> {
    const res = await this.system(method, '/system/functions', deployment);
    if (res.status !== 202 && !(method === 'PUT' && res.status === 200))
      throw new Error(`${method} ${String(deployment.service)}: ${res.status} ${await res.text()}`);
  }

  /** `GET /system/logs?<query>` as parsed NDJSON lines; fails unless 200. */
  async logLines<T = Record<string, string>>(query: string): Promise<T[]> {
    const res = await this.system('GET', `/system/logs?${query}`);
    if (res.status !== 200) throw new Error(`GET /system/logs?${query}: ${res.status} ${await res.text()}`);
    return (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as T);
  }

  /** A function invocation (no credentials), never following redirects. */
  invoke(name: string, body = '', method = 'POST', timeoutMs = 10_000): Promise<Response> {
    return fetchWithin(
      `${this.baseUrl}/function/${name}`,
      { method, redirect: 'manual', ...(method === 'GET' ? {} : { body }) },
      timeoutMs,
    );
  }

  /** Status of a function, or undefined when the gateway says 404. */
  async status(name: string): Promise<Record<string, unknown> | undefined> {
    const res = await this.system('GET', `/system/function/${name}`);
    if (res.status === 404) return undefined;
    if (res.status !== 200)
      throw new Error(`GET /system/function/${name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  }

  /** Invokes until the answer is 200 and returns its body; each call gives up after `perCallMs`. */
  async invokeUntilOk(name: string, body: string, ms: number, perCallMs = 10_000): Promise<string> {
    return until(
      `${name} to answer 200`,
      async () => {
        const res = await this.invoke(name, body, 'POST', perCallMs);
        const text = await res.text();
        return res.status === 200 ? text : undefined;
      },
      ms,
    );
  }
}

/**
 * `upStack`, then the admin password read the way up.sh says (it keeps basic-auth secrets that
 * already exist, so the password given may not be the one in force).
 */
export async function upStackForAdmin(): Promise<{ url: string; password: string }> {
  const output = await upStack(newPassword());
  const readPassword = /Password:\s+(.+)$/m.exec(output)?.[1];
  if (!readPassword) throw new Error(`up.sh did not say how to read the password:\n${output}`);
  return { url: gatewayUrl, password: (await run('sh', ['-c', readPassword])).trim() };
}
