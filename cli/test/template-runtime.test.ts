// The shipped templates run: each template's process answers as the watchdog would drive it
// (node: an HTTP server on $upstream_url's port; python3 and bash: stdin → stdout).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareBuildFolder } from '../src/build/prepare-build-folder.js';
import { builtInTemplatesDir, findTemplate } from '../src/templates/template-catalogue.js';

async function buildFolder(lang: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'faas-run-'));
  const template = findTemplate(lang, [builtInTemplatesDir()]);
  await cp(join(template.dir, 'function'), join(dir, 'fn'), { recursive: true });
  return prepareBuildFolder({
    fn: { name: 'fn', lang, handler: './fn', handlerPath: join(dir, 'fn'), image: 'fn', line: 1 },
    template,
    projectDir: dir,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function runStdin(command: string, args: string[], cwd: string, input: string) {
  const result = spawnSync(command, args, { cwd, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the node template', () => {
  it('serves function/handler.js on the port of $upstream_url', async () => {
    const folder = await buildFolder('node');
    const port = await freePort();
    const child = spawn(process.execPath, ['index.js'], {
      cwd: folder,
      env: { ...process.env, upstream_url: `http://127.0.0.1:${port}` },
    });
    try {
      let res: Response | undefined;
      for (let i = 0; i < 100 && !res; i++) {
        res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'world' }).catch(
          () => undefined,
        );
        if (!res) await new Promise((r) => setTimeout(r, 50));
      }
      expect(res?.status).toBe(200);
      expect(await res?.text()).toBe('Hello from node: world');
      const json = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: '{"a":1}',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(await json.text()).toBe('Hello from node: {"a":1}');
    } finally {
      child.kill();
    }
  });
});

describe('the bash template', () => {
  it('answers with what function/handler.sh prints for the body on stdin', async () => {
    const folder = await buildFolder('bash');
    expect(runStdin('bash', ['function/handler.sh'], folder, 'world')).toEqual({
      status: 0,
      stdout: 'Hello from bash: world\n',
      stderr: '',
    });
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;
// Skipped only where python3 is not installed: the template needs it to run at all.
(hasPython ? describe : describe.skip)('the python3 template [needs python3]', () => {
  it("prints handle(req)'s result for the body on stdin", async () => {
    const folder = await buildFolder('python3');
    expect(runStdin('python3', ['index.py'], folder, 'world')).toEqual({
      status: 0,
      stdout: 'Hello from python3: world\n',
      stderr: '',
    });
  });
});

describe("the python3 template's Dockerfile", () => {
  // The RUN line that checks the base, run as `docker build` would: /bin/sh -c with ${BASE} set.
  const check = readFileSync(join(builtInTemplatesDir(), 'python3', 'Dockerfile'), 'utf8')
    .split('\n')
    .find((line) => line.startsWith('RUN command -v python3'))!
    .slice('RUN '.length);
  const sh = (path: string) =>
    spawnSync('/bin/sh', ['-c', check], {
      env: { PATH: path, BASE: 'faas/offline-base:latest' },
      encoding: 'utf8',
    });

  it('fails the build with a sentence when the base image has no python3', () => {
    const empty = mkdtempSync(join(tmpdir(), 'faas-nopy-'));
    expect(sh(empty)).toMatchObject({
      status: 1,
      stderr:
        'python3 template: the base image faas/offline-base:latest has no python3; build FROM an image that has it, e.g. --build-arg BASE=python:3.11-slim-bookworm\n',
    });
  });

  it('passes when the base has python3', () => {
    const bin = mkdtempSync(join(tmpdir(), 'faas-py-'));
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\n', { mode: 0o755 });
    expect(sh(bin)).toMatchObject({ status: 0, stderr: '' });
  });
});
