// The real fwatchdog process (the esbuild bundle of src/main.ts, built into a temp dir): signals,
// exit codes, startup time, the lock file, and memory under a 10 MB body.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtures } from './helpers.js';
import { freePort } from '@faas/service-kit/testing';

const dir = mkdtempSync(join(tmpdir(), 'fwatchdog-process-'));
const bundle = join(dir, 'fwatchdog.js');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(dirname(fileURLToPath(import.meta.url)), '..', 'build.mjs'), '--outfile', bundle],
    {
      stdio: 'ignore',
    },
  );
});

interface Started {
  child: ChildProcess;
  url: string;
  lock: string;
  output: () => string;
  exited: Promise<number | null>;
}

async function startProcess(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const lock = join(mkdtempSync(join(dir, 'lock-')), '.lock');
  const child = spawn(process.execPath, [bundle], {
    env: {
      PATH: process.env.PATH ?? '',
      port: String(port),
      metrics_port: '0',
      lock_file_path: lock,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, url: `http://127.0.0.1:${port}`, lock, output: () => output, exited };
}

async function waitHealthy(url: string, timeoutMs = 5000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ok = await fetch(`${url}/_/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('the watchdog never became healthy');
}

function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

const running: ChildProcess[] = [];
afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

describe('the fwatchdog process', () => {
  it('stops at startup with one message naming every bad variable, exit code 2', async () => {
    const p = await startProcess({ exec_timeout: 'ten', mode: 'fast' });
    expect(await p.exited).toBe(2);
    const out = p.output();
    expect(out).toContain('Invalid configuration:');
    expect(out).toContain('exec_timeout: "ten" is not a duration, use 10s or 10');
    expect(out).toContain('mode: "fast" is not one of');
    expect(out).toContain('fprocess: required');
  });

  it('binds to bind_address only when it is set (127.0.0.1 for the local provider)', async () => {
    /** The local address of the listening socket on `port`, from /proc/net/tcp (hex, little-endian). */
    const listeningOn = (port: number): string[] =>
      readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter(
          (f) => f[3] === '0A' && f[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`),
        )
        .map((f) => (f[1] as string).split(':')[0] as string);
    const local = await startProcess({ fprocess: 'cat', bind_address: '127.0.0.1' });
    running.push(local.child);
    await waitHealthy(local.url);
    expect(listeningOn(Number(new URL(local.url).port))).toEqual(['0100007F']);
    local.child.kill('SIGKILL');
  });

  it('becomes healthy quickly and writes the lock file', async () => {
    const p = await startProcess({ fprocess: 'cat' });
    running.push(p.child);
    const ms = await waitHealthy(p.url);
    expect(ms).toBeLessThan(1000);
    expect(existsSync(p.lock)).toBe(true);
    const res = await fetch(p.url, { method: 'POST', body: 'hi' });
    expect(await res.text()).toBe('hi');
    p.child.kill('SIGKILL');
  });

  it('on SIGTERM removes the lock, finishes the call in flight, and exits 0', async () => {
    const p = await startProcess({ fprocess: `node ${fixtures}/slow.mjs`, healthcheck_interval: '300ms' });
    running.push(p.child);
    await waitHealthy(p.url);
    const inFlight = fetch(p.url, { method: 'POST', body: 'finished', headers: { 'X-Delay': '1000' } });
    await new Promise((r) => setTimeout(r, 200));
    p.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(p.lock)).toBe(false);
    expect((await fetch(`${p.url}/_/health`, { headers: { Connection: 'close' } })).status).toBe(503);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('finished');
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('SIGTERM received.');
  });

  // Budgets: classic buffers the output by definition (10 MB); streaming holds only pipe buffers,
  // so a 40 MB stream must raise resident memory by less than its own size.
  it.each([
    ['classic', 10, 40],
    ['streaming', 10, 30],
    ['streaming', 40, 30],
  ])('passes a body through %s mode (%d MB) with memory growth under %d MB', async (mode, mb, budgetMb) => {
    const p = await startProcess({ fprocess: 'cat', mode: String(mode), max_body_size: '64Mi' });
    running.push(p.child);
    await waitHealthy(p.url);
    const pid = p.child.pid as number;
    const before = rssKb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 2);
    const body = Buffer.alloc(Number(mb) * 1024 * 1024, String(mode));
    const res = await fetch(p.url, { method: 'POST', body });
    const echoed = Buffer.from(await res.arrayBuffer());
    clearInterval(sampler);
    p.child.kill('SIGKILL');
    expect(res.status).toBe(200);
    expect(echoed.equals(body)).toBe(true);
    expect((peak - before) / 1024).toBeLessThan(Number(budgetMb));
  });
});
