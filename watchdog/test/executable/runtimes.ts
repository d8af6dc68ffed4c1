// The black-box suite's hosts and its one way of starting a watchdog: the built watchdog as a
// child process, configured by environment variables only, as in a container or under the local
// provider. Every *.test.ts here is `runTest(title, (host) => …)` (as hono runs one router suite
// against every router): each host of the watchdog (Node's bundle with the fork server or with
// child_process, Bun's) passes the same tests, started only through `host.start(env)`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';
import { bunBinary, watchdogBunEntryPath, watchdogEntryPath } from '../../src/entry-path.js';

/** This suite's fixtures (`fprocess=sh ${fixtures}/slow.sh`). */
export const fixtures = fileURLToPath(new URL('fixtures', import.meta.url));

/** The in-process suites' fixtures, reused here. */
export const sharedFixtures = fileURLToPath(new URL('../fixtures', import.meta.url));

/** One way of running the watchdog: `<command> <args…>`. */
export interface Runtime {
  /** Shown in test titles. */
  name: string;
  command: string;
  args: string[];
  /** Set when the row cannot run: why, and whether that fails the suite or skips the row. */
  unavailable?: { reason: string; fail: boolean };
}

function nodeRuntime(): Runtime {
  const entry = watchdogEntryPath();
  const row: Runtime = { name: 'node', command: process.execPath, args: [entry] };
  // The node row is the reference implementation: without its bundle the suite fails everywhere.
  if (!existsSync(entry)) {
    row.unavailable = { reason: `${entry} is not built; run: npm run build -w @faas/watchdog`, fail: true };
  }
  return row;
}

function bunRuntime(): Runtime {
  const entry = watchdogBunEntryPath();
  const bun = bunBinary();
  const row: Runtime = { name: 'bun', command: bun ?? 'bun', args: [entry] };
  const missing: string[] = [];
  if (bun === undefined) {
    missing.push(
      'the bun executable (the optional dependency @oven/bun-linux-<arch>: npm install --include=optional, or set BUN_PATH)',
    );
  }
  if (!existsSync(entry)) missing.push(`${entry} (the Bun watchdog's build output)`);
  if (missing.length > 0) {
    // Outside CI the Bun watchdog may simply not be built yet; a CI run must never be green
    // without it.
    const ci = process.env.CI === 'true';
    row.unavailable = {
      reason: `${ci ? 'CI=true and missing' : 'missing'}: ${missing.join('; ')}`,
      fail: ci,
    };
  }
  return row;
}

/** Every runtime the suite runs against; a row that cannot run says why (see {@link cannotRun}). */
export const runtimes: Runtime[] = [nodeRuntime(), bunRuntime()];

/**
 * Call first in a `describe.each(runtimes)` body. For a row that cannot run it registers one test
 * naming what is missing — failing under CI=true (or for the node row), skipped otherwise — and
 * returns true, so the caller registers nothing else.
 */
export function cannotRun(runtime: Runtime): boolean {
  const why = runtime.unavailable;
  if (why === undefined) return false;
  if (why.fail) {
    it('has everything it needs to run', () => {
      throw new Error(why.reason);
    });
  } else {
    it.skip(`[skipped: ${why.reason}]`, () => undefined);
  }
  return true;
}

/** How the process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The spawn itself failed (e.g. the runtime binary is missing). */
  error?: string;
}

/** One watchdog process. */
export interface Executable {
  runtime: Runtime;
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, the function endpoint. */
  url: string;
  port: number;
  /** `http://127.0.0.1:<metrics_port>`. */
  metricsUrl: string;
  /** The process's `lock_file_path`, in a temp dir of its own. */
  lockFile: string;
  /** The environment it was started with. */
  env: Record<string, string>;
  /** Resolves once the process has exited and its output has been read. */
  exited: Promise<Exit>;
  /** The exit, once there is one. */
  exit(): Exit | undefined;
  /** Every line written to stdout and stderr so far, as written. */
  lines(): string[];
  /** The same lines, each without the timestamp the watchdog puts before its own. */
  messages(): string[];
  /** Waits until a message matches (a string matches a whole message) and returns it. */
  waitForMessage(pattern: string | RegExp, ms?: number): Promise<string>;
  /** SIGTERM, waits for the exit (SIGKILL after 5 s), returns the exit code. */
  stop(): Promise<number | null>;
}

const running = new Set<Executable>();

/** Stops every watchdog a test started; `afterEach(stopAll)` in every file, so a failed test cleans up too. */
export async function stopAll(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((e) => e.stop()));
}

/** A watchdog line without its `2026/12/07 15:04:05 ` timestamp; a function's line as it is. */
function messageOf(line: string): string {
  return line.replace(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} /, '');
}

/**
 * Starts the watchdog without waiting for it: `port` and `metrics_port` on free ports,
 * `lock_file_path` in a fresh temp dir, `healthcheck_interval=0`, `bind_address=127.0.0.1`, and
 * PATH; `env` adds to or overrides these. Nothing else of the test's environment is passed on.
 */
export async function spawnExecutable(runtime: Runtime, env: Record<string, string>): Promise<Executable> {
  if (runtime.unavailable) throw new Error(runtime.unavailable.reason);
  const port = await freePort();
  const metricsPort = await freePort();
  const dir = mkdtempSync(join(tmpdir(), `fwatchdog-${runtime.name}-`));
  const fullEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    port: String(port),
    metrics_port: String(metricsPort),
    lock_file_path: join(dir, '.lock'),
    healthcheck_interval: '0',
    bind_address: '127.0.0.1',
    ...env,
  };
  const child = spawn(runtime.command, runtime.args, { env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => lines.push(line));
  }
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (err) => {
      exit = { code: null, signal: null, error: err.message };
      resolve(exit);
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      const done = exit;
      // 'close' comes once stdout and stderr are read to the end, unless a process the watchdog
      // started still holds them.
      const timer = setTimeout(() => resolve(done), 1000);
      child.once('close', () => {
        clearTimeout(timer);
        resolve(done);
      });
    });
  });
  const messages = (): string[] => lines.map(messageOf);
  const executable: Executable = {
    runtime,
    child,
    url: `http://127.0.0.1:${fullEnv.port}`,
    port: Number(fullEnv.port),
    metricsUrl: `http://127.0.0.1:${fullEnv.metrics_port}`,
    lockFile: fullEnv.lock_file_path as string,
    env: fullEnv,
    exited,
    exit: () => exit,
    lines: () => [...lines],
    messages,
    waitForMessage: (pattern, ms = 3000) =>
      until(
        `a log message matching ${String(pattern)}`,
        () => messages().find((m) => (typeof pattern === 'string' ? m === pattern : pattern.test(m))),
        ms,
        20,
      ).catch((err: unknown) => {
        throw new Error(`${(err as Error).message}\nthe log so far:\n${lines.join('\n')}`, { cause: err });
      }),
    async stop() {
      running.delete(executable);
      if (exit === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (exit === undefined) child.kill('SIGKILL');
        }, 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
      return (await exited).code;
    },
  };
  running.add(executable);
  return executable;
}

/**
 * Starts the watchdog (see {@link spawnExecutable}) and waits until `GET /_/health` answers 200
 * and its own lock file exists (unless `suppress_lock`), so the answer cannot come from another
 * process on the port. A free port taken in the meantime by another test file's server is retried.
 */
export async function startExecutable(
  runtime: Runtime,
  env: Record<string, string> = {},
): Promise<Executable> {
  for (let attempt = 1; ; attempt++) {
    const wd = await spawnExecutable(runtime, env);
    const suppressLock = wd.env.suppress_lock === 'true';
    let outcome: 'healthy' | 'exited';
    try {
      outcome = await until(
        `GET ${wd.url}/_/health = 200 from ${runtime.name} ${runtime.args.join(' ')}`,
        async () => {
          if (wd.exit() !== undefined) return 'exited';
          const res = await fetch(`${wd.url}/_/health`, { signal: AbortSignal.timeout(1000) });
          await res.arrayBuffer();
          const lock = suppressLock || existsSync(wd.lockFile);
          if (res.status === 200 && lock) return 'healthy';
          throw new Error(`/_/health answered ${res.status}, lock file ${lock ? 'present' : 'missing'}`);
        },
        15_000,
        20,
      );
    } catch (err) {
      await wd.stop();
      throw new Error(`${(err as Error).message}\nits output:\n${wd.lines().join('\n')}`, { cause: err });
    }
    if (outcome === 'healthy') return wd;
    const exit = await wd.exited;
    await wd.stop();
    const output = wd.lines().join('\n');
    if (attempt < 3 && /EADDRINUSE/.test(output)) continue;
    throw new Error(
      `${runtime.name} exited before it was healthy (code ${exit.code}, signal ${exit.signal}${
        exit.error ? `, ${exit.error}` : ''
      }); its output:\n${output}`,
    );
  }
}

/** Resolves as `promise` does, or fails naming `what` after `ms` (and leaves no timer behind). */
export async function within<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An answer read whole. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One request with node:http on a fresh connection: the path is sent exactly as given (fetch
 * would normalise `..` away) and any header may be set, hop-by-hop ones included.
 */
export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${path} within 10 s`)));
    req.end(options.body);
  });
}

/** A live (not zombie) process found by a marker in its environment. */
export interface MarkedProcess {
  pid: number;
  cmdline: string;
}

/**
 * The live processes whose environment contains `Http_X_Marker=<marker>`: a function process
 * called with header `X-Marker: <marker>` and everything it started. A zombie's environ reads empty,
 * so a killed process that is only waiting to be reaped does not count.
 */
export function markedProcesses(marker: string): MarkedProcess[] {
  const needle = `Http_X_Marker=${marker}`;
  const found: MarkedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!environ.includes(needle)) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), cmdline });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

/** One way of starting the watchdog that the suite runs against. */
export interface Host {
  /** Shown in test titles. */
  name: string;
  runtime: Runtime;
  /** Starts a watchdog with `env` (see {@link startExecutable}) and waits until it is healthy. */
  start(env?: Record<string, string>): Promise<Executable>;
  /** Starts one without waiting (see {@link spawnExecutable}). */
  spawn(env: Record<string, string>): Promise<Executable>;
}

function hostOf(runtime: Runtime, name = runtime.name, base: Record<string, string> = {}): Host {
  return {
    name,
    runtime,
    start: (env = {}) => startExecutable(runtime, { ...base, ...env }),
    spawn: (env) => spawnExecutable(runtime, { ...base, ...env }),
  };
}

const [nodeRow, bunRow] = runtimes as [Runtime, Runtime];

/** Every runtime once: Node's bundle (with the fork server it finds beside it) and Bun's. */
export const hosts: Host[] = [hostOf(nodeRow), hostOf(bunRow)];

/**
 * For the forking modes, which have two ways of starting processes on Node: also Node's
 * child_process (`fork_server=false`).
 */
export const forkingHosts: Host[] = [
  hostOf(nodeRow, 'node (fork server)'),
  hostOf(nodeRow, 'node (child_process)', { fork_server: 'false' }),
  hostOf(bunRow),
];

/**
 * Registers `suite` once per host, titled `<title> on <host>`; a host that cannot run registers
 * one test saying why instead ({@link cannotRun}).
 */
export function runTest(title: string, suite: (host: Host) => void, rows: Host[] = hosts): void {
  describe.each(rows)(`${title} on $name`, (host) => {
    if (cannotRun(host.runtime)) return;
    suite(host);
  });
}

/** POSTs `pieces` as a chunked body of unknown length (one chunk each). */
export function postChunked(url: string, pieces: string[]): Promise<Response> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(new TextEncoder().encode(piece));
      controller.close();
    },
  });
  return fetch(url, { method: 'POST', body, duplex: 'half' } as RequestInit);
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** POSTs `body` and expects a 200 with the same bytes back (compared by length and SHA-256). */
export async function expectEchoed(url: string, body: Uint8Array): Promise<void> {
  const res = await fetch(url, { method: 'POST', body });
  expect(res.status).toBe(200);
  const echoed = new Uint8Array(await res.arrayBuffer());
  expect(echoed.length).toBe(body.length);
  expect(sha256(echoed)).toBe(sha256(body));
}
