import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeImageBuilder } from './fake-image-builder.js';
import { runFaas } from './run-faas.js';
import { project } from './project.js';

/** Runs faas with the fake image builder. */
function runWithBuilder(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  imageBuilder: FakeImageBuilder,
) {
  return runFaas(args, { cwd, env, imageBuilder });
}

describe('faas build', () => {
  it('builds each template function from build/<name>/ with its tag and build args', async () => {
    const { dir, env } = await project([
      ['hello', 'node'],
      ['greet', 'bash'],
    ]);
    const builder = new FakeImageBuilder();
    const run = await runWithBuilder(
      ['build', '--build-arg', 'BASE=faas/offline-base:latest'],
      dir,
      env,
      builder,
    );
    expect(run.code).toBe(0);
    expect(builder.builds.map((b) => [b.tag, b.contextDir, b.buildArgs, b.noCache])).toEqual([
      ['hello:latest', join(dir, 'build', 'hello'), { BASE: 'faas/offline-base:latest' }, false],
      ['greet:latest', join(dir, 'build', 'greet'), { BASE: 'faas/offline-base:latest' }, false],
    ]);
    expect(builder.builds[0]?.files).toEqual([
      'Dockerfile',
      'function',
      'fwatchdog.js',
      'index.js',
      'package.json',
    ]);
    expect(builder.builds[1]?.files).toEqual(['Dockerfile', 'function', 'fwatchdog']);
    expect(run.stdout).toContain(
      '[hello] building hello:latest\n[hello] Step 1/2 : ARG BASE=node:20-bookworm-slim\n[hello] Step 2/2 : FROM ${BASE}\n[hello] built hello:latest in ',
    );
  });

  it('merges build_args from the stack under --build-arg, and passes --no-cache', async () => {
    const { dir, env } = await project([['hello', 'node']]);
    writeFileSync(
      join(dir, 'stack.yml'),
      'functions:\n  hello:\n    lang: node\n    handler: ./hello\n    image: hello:1\n    build_args:\n      BASE: mine\n      EXTRA: x\n',
    );
    const builder = new FakeImageBuilder();
    await runWithBuilder(['build', '--no-cache', '--build-arg', 'BASE=theirs'], dir, env, builder);
    expect(builder.builds.map((b) => [b.buildArgs, b.noCache])).toEqual([
      [{ BASE: 'theirs', EXTRA: 'x' }, true],
    ]);
  });

  it("takes faas-cli's -b for --build-arg and --regex to pick functions", async () => {
    const { dir, env } = await project([
      ['api-a', 'bash'],
      ['api-b', 'bash'],
      ['web', 'bash'],
    ]);
    const builder = new FakeImageBuilder();
    await runWithBuilder(['build', '-b', 'BASE=mine', '--regex', '^api-'], dir, env, builder);
    expect(builder.builds.map((b) => [b.tag, b.buildArgs])).toEqual([
      ['api-a:latest', { BASE: 'mine' }],
      ['api-b:latest', { BASE: 'mine' }],
    ]);
    const bad = await runWithBuilder(['build', '--regex', '('], dir, env, builder);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --regex "\(" is not a regular expression/);
  });

  it('builds --parallel N at once, and only what --filter matches', async () => {
    const { dir, env } = await project([
      ['a1', 'bash'],
      ['a2', 'bash'],
      ['b1', 'bash'],
    ]);
    const builder = new FakeImageBuilder();
    const run = await runWithBuilder(['build', '--parallel', '2', '--filter', 'a*'], dir, env, builder);
    expect(run.code).toBe(0);
    expect(builder.builds.map((b) => b.tag).sort()).toEqual(['a1:latest', 'a2:latest']);
    expect(builder.maxInFlight).toBe(2);
  });

  it('prints the build log of a failed function, builds the others, and exits 1', async () => {
    const { dir, env } = await project([
      ['bad', 'node'],
      ['good', 'node'],
    ]);
    const builder = new FakeImageBuilder();
    builder.failing.add('bad:latest');
    const run = await runWithBuilder(['build'], dir, env, builder);
    expect(run.code).toBe(1);
    expect(builder.builds.map((b) => b.tag)).toEqual(['bad:latest', 'good:latest']);
    expect(run.stderr).toContain(
      "error: bad: The command '/bin/sh -c npm install' returned a non-zero code: 1\n--- build log of bad ---\nStep 1/2 : ARG BASE\nnpm ERR! network\n",
    );
    expect(run.stderr).toMatch(/error: 1 of 2 builds failed\n$/);
  });

  it('skips image-only and skip_build functions, saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-up-'));
    writeFileSync(
      join(dir, 'stack.yml'),
      'functions:\n  figlet:\n    image: functions/figlet\n  pre:\n    lang: node\n    handler: ./pre\n    image: pre\n    skip_build: true\n',
    );
    const builder = new FakeImageBuilder();
    const run = await runWithBuilder(['build'], dir, {}, builder);
    expect(run.code).toBe(0);
    expect(builder.builds).toEqual([]);
    expect(run.stderr).toBe(
      'figlet: nothing to build (no lang: image only)\npre: nothing to build (skip_build: true)\n',
    );
  });

  it('--shrinkwrap writes the build folders without Docker', async () => {
    const { dir, env } = await project([['hello', 'python3']]);
    const builder = new FakeImageBuilder();
    const run = await runWithBuilder(['build', '--shrinkwrap'], dir, env, builder);
    expect(run.code).toBe(0);
    expect(builder.builds).toEqual([]);
    expect(run.stdout).toContain(`[hello] build folder ${join(dir, 'build', 'hello')}\n`);
  });

  it('refuses an unknown lang with the list of templates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faas-up-'));
    writeFileSync(
      join(dir, 'stack.yml'),
      'functions:\n  x:\n    lang: cobol\n    handler: .\n    image: x\n',
    );
    const run = await runWithBuilder(['build'], dir, {}, new FakeImageBuilder());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'error: x: no template "cobol"; available: bash, dockerfile, node, python3\n',
    );
  });
});

describe('faas push', () => {
  it('pushes the built images', async () => {
    const { dir, env } = await project([['hello', 'node']]);
    const builder = new FakeImageBuilder();
    const run = await runWithBuilder(['push'], dir, env, builder);
    expect(run.code).toBe(0);
    expect(builder.pushes).toEqual(['hello:latest']);
  });

  it('fails clearly without a registry and says how to deploy without pushing', async () => {
    const { dir, env } = await project([['hello', 'node']]);
    const builder = new FakeImageBuilder();
    builder.pushFails = true;
    const run = await runWithBuilder(['push'], dir, env, builder);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: push hello:latest to docker.io (Docker Hub): dial tcp: lookup registry-1.docker.io: no such host\n' +
        'hint: no registry reachable? On a single-node Swarm, or with the local provider, deploy without pushing: `faas up --skip-push`\n' +
        'error: 1 push failed\n',
    );
  });
});
