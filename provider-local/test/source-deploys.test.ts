// Source deploys (cli/README.md, "What the local provider does with it"): the
// com.faas.local.source annotation, real watchdogs running a node handler from a temp folder.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { until } from '@faas/service-kit/testing';
import { startProvider, tempDataDir } from './start-provider.js';
import type { StartedProvider } from './start-provider.js';
import { available, logText, status, system } from './helpers.js';
import { sourceParent, writeSource } from './source-folder.js';
import type { HandlerAnswer } from './source-folder.js';

const SOURCE = 'com.faas.local.source';
let p: StartedProvider;
let parent: string;

beforeAll(async () => {
  p = await startProvider();
  parent = await sourceParent();
  await writeFile(join(parent, 'a-file'), 'not a folder');
});
afterAll(async () => {
  await p.destroy();
  await rm(parent, { recursive: true, force: true });
});

/** A loopback port below the ephemeral range, as the CLI picks one at deploy time. */
const deployPort = (): number => 20000 + Math.floor(Math.random() * 12768);

/** The deployment the CLI sends for a node template built into `dir`. */
const nodeDeployment = (name: string, dir: string, port: number, extra: Record<string, unknown> = {}) => ({
  service: name,
  image: `local/${name}:latest`,
  envProcess: 'node handler.mjs',
  envVars: { mode: 'http', upstream_url: `http://127.0.0.1:${port}` },
  annotations: { [SOURCE]: dir },
  ...extra,
});

async function invoke(name: string): Promise<HandlerAnswer> {
  const res = await fetch(`${p.url}/function/${name}`);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`invoke ${name}: ${res.status} ${text}`);
  expect(res.headers.get('content-type')).toBe('application/json');
  return JSON.parse(text) as HandlerAnswer;
}

describe('source deploys', () => {
  it('are announced in /system/info', async () => {
    const res = await system(p, 'GET', '/system/info');
    expect(res.status).toBe(200);
    const info = (await res.json()) as { orchestration: string; notes: string[] };
    expect(info.orchestration).toBe('local');
    expect(info.notes.filter((n) => n.includes(SOURCE))).toHaveLength(1);
  });

  it('runs 2 replicas in the source folder, each on its own upstream port, balanced', async () => {
    const dir = await writeSource(parent, 'greeter', 'v1', 'hello from the folder');
    const port = deployPort();
    const body = nodeDeployment('greeter', dir, port, { labels: { 'com.openfaas.scale.min': '2' } });
    const res = await system(p, 'POST', '/system/functions', body);
    expect(res.status).toBe(202);
    await available(p, 'greeter', 2);

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await invoke('greeter'));
    expect(answers.map((a) => [a.version, a.greeting, a.cwd])).toEqual(
      Array(4).fill(['v1', 'hello from the folder', dir]),
    );
    const ports = answers.map((a) => a.port);
    expect(new Set(ports).size).toBe(2);
    expect(ports).toEqual([ports[0], ports[1], ports[0], ports[1]]);
    expect(ports).not.toContain(port);
    // Scheme, host and path kept; only the port replaced.
    expect(answers.map((a) => a.upstream)).toEqual(ports.map((n) => `http://127.0.0.1:${n}`));

    const read = await status(p, 'greeter');
    expect(read.annotations).toEqual({ [SOURCE]: dir });
    expect(read.envVars).toEqual(body.envVars);
  });

  it('resolves a relative fprocess in the source folder (classic mode)', async () => {
    const dir = await writeSource(parent, 'shell', 'v1', 'unused');
    await writeFile(join(dir, 'hello.sh'), '#!/bin/sh\necho "hello from $(pwd)"\n', { mode: 0o755 });
    const res = await system(p, 'POST', '/system/functions', {
      service: 'shell',
      image: 'local/shell',
      envProcess: './hello.sh',
      annotations: { [SOURCE]: dir },
    });
    expect(res.status).toBe(202);
    await available(p, 'shell', 1);
    const invoked = await fetch(`${p.url}/function/shell`, { method: 'POST', body: '' });
    expect(invoked.status).toBe(200);
    expect(await invoked.text()).toBe(`hello from ${dir}\n`);
  });

  it('restarts the replicas on the new code when redeployed with the same path', async () => {
    const dir = await writeSource(parent, 'evolves', 'v1', 'first');
    const body = nodeDeployment('evolves', dir, deployPort());
    expect((await system(p, 'POST', '/system/functions', body)).status).toBe(202);
    await available(p, 'evolves', 1);
    const before = await invoke('evolves');
    expect([before.version, before.greeting]).toEqual(['v1', 'first']);

    expect(await writeSource(parent, 'evolves', 'v2', 'second')).toBe(dir);
    const res = await system(p, 'PUT', '/system/functions', body);
    expect(res.status).toBe(202);
    const after = await until(
      'the new code to answer',
      async () => {
        const answer = await invoke('evolves');
        return answer.version === 'v2' ? answer : undefined;
      },
      10_000,
      50,
    );
    expect([after.greeting, after.cwd]).toEqual(['second', dir]);
    expect(after.pid).not.toBe(before.pid);
    expect((await status(p, 'evolves')).annotations).toEqual({ [SOURCE]: dir });
  });

  it('keeps upstream_url and the function directory without the annotation', async () => {
    const dir = await writeSource(parent, 'plain', 'v1', 'not read');
    const port = deployPort();
    const res = await system(p, 'POST', '/system/functions', {
      ...nodeDeployment('plain', dir, port),
      envProcess: `node ${join(dir, 'handler.mjs')}`,
      annotations: undefined,
    });
    expect(res.status).toBe(202);
    await available(p, 'plain', 1);
    const answer = await invoke('plain');
    expect(answer).toMatchObject({
      version: 'v1',
      greeting: null,
      cwd: join(p.dataDir, 'functions', 'openfaas-fn', 'plain'),
      port,
      upstream: `http://127.0.0.1:${port}`,
    });
  });

  it.each([
    ['a relative path', () => 'build/nope', /must be an absolute path/],
    ['a missing folder', () => join(parent, 'missing'), /is not an existing directory/],
    ['a file', () => join(parent, 'a-file'), /is not an existing directory/],
    ['an empty value', () => '', /must be an absolute path/],
  ])('refuses %s with 400 naming the annotation, deploying nothing', async (_what, path, problem) => {
    const before = await (await system(p, 'GET', '/system/functions')).json();
    const state = await readFile(join(p.dataDir, 'state.json'), 'utf8').catch(() => 'none');
    const res = await system(p, 'POST', '/system/functions', nodeDeployment('refused', path(), deployPort()));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain(`annotations.${SOURCE}`);
    expect(text).toMatch(problem);
    expect(await (await system(p, 'GET', '/system/functions')).json()).toEqual(before);
    expect((await system(p, 'GET', '/system/function/refused')).status).toBe(404);
    const dirs = (sub: string): Promise<string[]> => readdir(join(p.dataDir, sub)).catch(() => []);
    expect(await dirs('functions/openfaas-fn')).not.toContain('refused');
    expect((await dirs('run')).filter((f) => f.startsWith('refused-'))).toEqual([]);
    expect(await readFile(join(p.dataDir, 'state.json'), 'utf8').catch(() => 'none')).toBe(state);
  });

  it('refuses a PUT to a missing folder with 400 and keeps the running spec', async () => {
    const dir = await writeSource(parent, 'stays', 'v1', 'kept');
    const body = nodeDeployment('stays', dir, deployPort());
    expect((await system(p, 'POST', '/system/functions', body)).status).toBe(202);
    await available(p, 'stays', 1);
    const res = await system(p, 'PUT', '/system/functions', {
      ...body,
      annotations: { [SOURCE]: join(parent, 'gone') },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`annotations.${SOURCE}`);
    expect((await status(p, 'stays')).annotations).toEqual({ [SOURCE]: dir });
    expect((await invoke('stays')).greeting).toBe('kept');
  });
});

describe('source deploys across a provider restart', () => {
  it('fails visibly when the folder is gone (0 available, reason in the logs), and recovers when it is back', async () => {
    const folders = await sourceParent();
    const dataDir = await tempDataDir();
    const first = await startProvider({}, dataDir);
    let second: StartedProvider | undefined;
    try {
      const dir = await writeSource(folders, 'fragile', 'v1', 'here');
      const res = await system(
        first,
        'POST',
        '/system/functions',
        nodeDeployment('fragile', dir, deployPort()),
      );
      expect(res.status).toBe(202);
      await available(first, 'fragile', 1);
      await first.stop();
      await rm(dir, { recursive: true });

      second = await startProvider({}, dataDir);
      const s = second;
      const logs = await until(
        'the reason in the logs',
        async () => {
          const text = await logText(s, 'fragile');
          return text.includes('could not start') ? text : undefined;
        },
        10_000,
        50,
      );
      expect(logs).toContain(
        `faas-local: replica could not start: its working directory ${dir} (${SOURCE}) is missing or not a directory; restarting in 250ms`,
      );
      const restored = await status(s, 'fragile');
      expect([restored.replicas, restored.availableReplicas]).toEqual([1, 0]);
      expect(restored.annotations).toEqual({ [SOURCE]: dir });
      expect((await fetch(`${s.url}/function/fragile`)).status).toBe(503);
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);

      await writeSource(folders, 'fragile', 'v2', 'back');
      await available(s, 'fragile', 1);
      const answer = (await (await fetch(`${s.url}/function/fragile`)).json()) as HandlerAnswer;
      expect([answer.version, answer.greeting]).toEqual(['v2', 'back']);
    } finally {
      await (second ?? first).destroy();
      await rm(folders, { recursive: true, force: true });
    }
  });
});
