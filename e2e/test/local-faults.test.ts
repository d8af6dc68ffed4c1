// The platform (`npm start`'s process: gateway, local provider, queue worker in one) under the
// hostile input and crash faults: hostile payloads, kill -9 mid-deploy, broken state files, a second instance
// on the same state directory. Each test starts real platform processes on free loopback ports
// in a temporary state directory; every wait is bounded.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, until } from '@faas/service-kit/testing';

const main = fileURLToPath(new URL('../../platform/dist/src/main.js', import.meta.url));

/** One platform process. */
interface PlatformProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A state directory with its own credentials, removed after the test. */
interface Site {
  dir: string;
  stateDir: string;
  auth: { authorization: string };
}

const cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function site(): Promise<Site> {
  const dir = await mkdtemp(join(tmpdir(), 'faas-faults-'));
  const secrets = join(dir, 'secrets');
  const password = randomBytes(12).toString('hex');
  await mkdir(secrets, { mode: 0o700 });
  await writeFile(join(secrets, 'basic-auth-user'), 'admin\n');
  await writeFile(join(secrets, 'basic-auth-password'), `${password}\n`, { mode: 0o600 });
  const s = {
    dir,
    stateDir: join(dir, 'state'),
    auth: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
  };
  cleanup.push(async () => {
    await killReplicas(s);
    await rm(dir, { recursive: true, force: true });
  });
  return s;
}

/** Starts a platform process on `s` (not waiting for it). */
async function launch(s: Site): Promise<PlatformProcess> {
  const [port, providerPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      port: String(port),
      provider_port: String(providerPort),
      secret_mount_path: join(s.dir, 'secrets'),
      faas_state_dir: s.stateDir,
      restart_backoff_max: '1s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const p = { child, url: `http://127.0.0.1:${port}`, output: () => out, exited };
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exitedWithin(p, 15_000).catch(() => child.kill('SIGKILL'));
  });
  return p;
}

/** How the process ended, once it has; rejects with its output when it is still running after `ms`. */
async function exitedWithin(
  p: PlatformProcess,
  ms: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${p.output()}`)), ms);
  });
  try {
    return await Promise.race([p.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a platform process on `s` and waits for its banner. */
async function start(s: Site): Promise<PlatformProcess> {
  const p = await launch(s);
  await until(
    'the "faas is running" banner',
    () => {
      if (p.child.exitCode !== null) throw new Error(`the platform exited early:\n${p.output()}`);
      return p.output().includes('faas is running') ? true : undefined;
    },
    60_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${p.output()}`);
  });
  return p;
}

/** The platform's JSON log lines (its output is not a terminal). */
function logLines(p: PlatformProcess): { level?: number; msg?: string }[] {
  return p
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level?: number; msg?: string });
}

/** Pids in the local provider's run/ directory. */
async function replicaPids(s: Site): Promise<number[]> {
  const run = join(s.stateDir, 'local', 'run');
  const files = (await readdir(run).catch(() => [] as string[])).filter((f) => f.endsWith('.pid'));
  return Promise.all(files.map(async (f) => Number((await readFile(join(run, f), 'utf8')).trim())));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILLs replicas a killed platform left (they run in their own process groups). */
async function killReplicas(s: Site): Promise<void> {
  for (const pid of await replicaPids(s)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('fwatchdog')) process.kill(pid, 'SIGKILL');
  }
}

async function call(
  p: PlatformProcess,
  s: Site,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${p.url}${path}`, {
    method,
    headers: { ...s.auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function ready(p: PlatformProcess, s: Site, name: string, ms = 30_000): Promise<void> {
  await until(
    `${name} to have a ready replica`,
    async () => {
      const { status, text } = await call(p, s, 'GET', `/system/function/${name}`);
      return status === 200 && (JSON.parse(text) as { availableReplicas: number }).availableReplicas > 0
        ? true
        : undefined;
    },
    ms,
  );
}

/** Invokes a `cat` function with `body` and expects it back. */
async function expectEcho(p: PlatformProcess, name: string, body: string): Promise<void> {
  const invoked = await fetch(`${p.url}/function/${name}`, { method: 'POST', body });
  expect([name, invoked.status, await invoked.text()]).toEqual([name, 200, body]);
}

/** POSTs a `cat` function (with `extra` fields) and expects 202. */
async function deployCat(p: PlatformProcess, s: Site, service: string, extra: object = {}): Promise<void> {
  const answer = await call(p, s, 'POST', '/system/functions', {
    service,
    image: 'faas/cat',
    envProcess: 'cat',
    ...extra,
  });
  expect([service, answer.status, answer.text]).toEqual([service, 202, '']);
}

/** The gateway, the provider behind it and the queue all still answer; a function deploys and runs. */
async function stillAnswers(p: PlatformProcess, s: Site, probe: string): Promise<void> {
  expect(p.child.exitCode).toBeNull();
  expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
  expect((await call(p, s, 'GET', '/system/functions')).status).toBe(200);
  await deployCat(p, s, probe);
  await ready(p, s, probe);
  await expectEcho(p, probe, 'still here');
  expect((await fetch(`${p.url}/async-function/${probe}`, { method: 'POST', body: 'queued' })).status).toBe(
    202,
  );
}

describe('the platform under hostile input and faults', () => {
  it('refuses NUL bytes in envVars and envProcess with 400 naming the field, and keeps answering', async () => {
    const s = await site();
    const p = await start(s);
    const payloads: [string, string][] = [
      // The issue's payloads, byte for byte as a client sends them.
      ['{"service":"x","image":"x","envProcess":"cat","envVars":{"X":"a\\u0000b"}}', 'envVars.X'],
      ['{"service":"x","image":"x","envProcess":"ca\\u0000t"}', 'envProcess'],
      [
        '{"service":"x","image":"x","envProcess":"cat","envVars":{"X":"a\\u0000b"},"labels":{"com.openfaas.scale.min":"0"}}',
        'envVars.X',
      ],
      ['{"service":"x","image":"x","envProcess":"cat\\r\\nInjected: 1"}', 'envProcess'],
    ];
    for (const [body, field] of payloads) {
      for (const method of ['POST', 'PUT']) {
        const answer = await call(p, s, method, '/system/functions', body);
        expect([method, body, answer.status]).toEqual([method, body, 400]);
        expect(answer.text).toMatch(
          new RegExp(
            `^invalid function deployment: ${field.replace('.', '\\.')}: .*must not contain control characters`,
          ),
        );
      }
    }
    // What used to crash the process with scale.min 0: any unauthenticated call to the function.
    expect((await fetch(`${p.url}/function/x`, { method: 'POST', body: 'hi' })).status).toBe(404);
    expect(JSON.parse((await call(p, s, 'GET', '/system/functions')).text)).toEqual([]);
    await stillAnswers(p, s, 'after-nul');
  });

  it('starts from a state file an older version wrote with NUL entries, skipping and reporting them', async () => {
    const s = await site();
    const entry = (service: string, extra: object) => ({
      deployment: { service, image: 'x', envProcess: 'cat', ...extra },
      namespace: 'openfaas-fn',
      replicas: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    await mkdir(join(s.stateDir, 'local'), { recursive: true });
    await writeFile(
      join(s.stateDir, 'local', 'state.json'),
      JSON.stringify({
        version: 1,
        functions: [
          entry('x', { envVars: { X: 'a\u0000b' } }),
          {
            ...entry('zero', { envProcess: 'ca\u0000t', labels: { 'com.openfaas.scale.min': '0' } }),
            replicas: 0,
          },
          entry('kept', {}),
        ],
      }),
    );
    const p = await start(s);
    await ready(p, s, 'kept');
    const errors = logLines(p)
      .filter((l) => l.level === 50)
      .map((l) => l.msg);
    expect(errors).toEqual([
      expect.stringMatching(/function "x" cannot be restored and was not started: .*envVars\.X: .*U\+0000/),
      expect.stringMatching(
        /function "zero" cannot be restored and was not started: .*envProcess: .*U\+0000/,
      ),
    ]);
    expect((await fetch(`${p.url}/function/zero`, { method: 'POST', body: 'hi' })).status).toBe(404);
    await expectEcho(p, 'kept', 'kept');
    await stillAnswers(p, s, 'after-restore');
  });

  it('comes back whole after kill -9 in the middle of deploys', async () => {
    const s = await site();
    const first = await start(s);
    expect((await call(first, s, 'POST', '/system/secrets', { name: 'k', value: 'v' })).status).toBe(201);
    const names = Array.from({ length: 6 }, (_, i) => `burst-${i}`);
    const deploys = names.map((service) =>
      call(first, s, 'POST', '/system/functions', {
        service,
        image: 'faas/cat',
        envProcess: 'cat',
        secrets: ['k'],
      }).catch(() => ({ status: 0, text: 'cut off' })),
    );
    // Kill once the first deploy has landed, while the others are on their way.
    await Promise.race(deploys);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await Promise.all(deploys);
    const leftBehind = await replicaPids(s);
    // What a kill during an atomic write or a replica's start leaves.
    await writeFile(join(s.stateDir, 'local', 'state.json.0badc0de.tmp'), '{"version":1,"functions":[');
    await writeFile(join(s.stateDir, 'local', 'run', 'burst-x-abc123.lock'), '');

    const second = await start(s);
    for (const pid of leftBehind)
      await until(`old replica ${pid} to be stopped`, () => (alive(pid) ? undefined : true), 15_000);
    const listed = (
      JSON.parse((await call(second, s, 'GET', '/system/functions')).text) as { name: string }[]
    ).map((f) => f.name);
    expect(listed.length).toBeGreaterThan(0);
    for (const name of listed) {
      expect(names).toContain(name);
      await ready(second, s, name);
      await expectEcho(second, name, name);
    }
    const local = await readdir(join(s.stateDir, 'local'));
    expect(local.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(
      (await readdir(join(s.stateDir, 'local', 'run'))).filter((f) => f === 'burst-x-abc123.lock'),
    ).toEqual([]);
    await stillAnswers(second, s, 'after-kill');
  });

  it.each([
    [
      'truncated',
      (text: string) => text.slice(0, Math.floor(text.length / 2)),
      'is not valid JSON, perhaps cut short',
    ],
    ['empty', () => '', 'is empty'],
    [
      'corrupt',
      (text: string) => text.replace('"version"', '"vers\\u0000ion"'),
      'is not a state file this provider understands',
    ],
  ])(
    'refuses a %s state file with a sentence naming it, starts nothing, and starts once it is restored',
    async (_what, damage, problem) => {
      const s = await site();
      const first = await start(s);
      await deployCat(first, s, 'f');
      await ready(first, s, 'f');
      first.child.kill('SIGTERM');
      expect((await first.exited).code).toBe(0);
      const stateFile = join(s.stateDir, 'local', 'state.json');
      const good = await readFile(stateFile, 'utf8');
      await writeFile(stateFile, damage(good));

      const broken = await launch(s);
      const { code } = await exitedWithin(broken, 30_000);
      expect(code).toBe(1);
      expect(broken.output()).toContain(`faas: ${stateFile}: ${problem}`);
      expect(broken.output()).toContain('Nothing was started');
      expect(await replicaPids(s)).toEqual([]);
      await expect(fetch(`${broken.url}/healthz`)).rejects.toThrow();

      await writeFile(stateFile, good);
      const restored = await start(s);
      await ready(restored, s, 'f');
    },
  );

  it("refuses a second instance on the same state directory, which stops none of the first one's replicas", async () => {
    const s = await site();
    const first = await start(s);
    await deployCat(first, s, 'f', { labels: { 'com.openfaas.scale.min': '2' } });
    await until('2 replicas of f', async () => {
      const { text } = await call(first, s, 'GET', '/system/function/f');
      return (JSON.parse(text) as { availableReplicas: number }).availableReplicas === 2 ? true : undefined;
    });
    const pids = await replicaPids(s);
    expect(pids).toHaveLength(2);

    const second = await launch(s);
    const { code } = await exitedWithin(second, 30_000);
    expect(code).toBe(1);
    expect(second.output()).toContain(
      `faas: the data directory ${join(s.stateDir, 'local')} is in use by process ${first.child.pid} (another faas or provider-local); stop that one first`,
    );
    expect(second.output()).not.toContain('stopped replicas left over');
    expect(pids.every(alive)).toBe(true);
    expect((await replicaPids(s)).sort()).toEqual([...pids].sort());
    await expectEcho(first, 'f', 'first');
    await stillAnswers(first, s, 'after-second');
  });
});
