import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeGateway } from './fake-gateway.js';
import { FakeImageBuilder } from './fake-image-builder.js';
import { project } from './project.js';
import { runFaas } from './run-faas.js';

let gw: FakeGateway;
beforeEach(async () => {
  gw = await new FakeGateway().start();
});
afterEach(() => gw.close());

const sent = () =>
  gw.requests
    .filter((r) => r.path === '/system/functions')
    .map((r) => [r.method, r.body ? JSON.parse(r.body) : null]);

describe('faas deploy (image providers)', () => {
  it('PUTs each function, POSTs on 404, and prints its URL', async () => {
    const { dir, env } = await project([['hello', 'node']]);
    const run = await runFaas(['deploy', '-g', gw.url], { cwd: dir, env });
    expect(run).toEqual({
      code: 0,
      stdout: `URL: ${gw.url}/function/hello\n`,
      stderr: 'Deployed hello (created, image hello:latest).\n',
    });
    expect(gw.calls()).toEqual(['GET /system/info', 'PUT /system/functions', 'POST /system/functions']);
    expect(sent()).toEqual([
      ['PUT', { service: 'hello', image: 'hello:latest' }],
      ['POST', { service: 'hello', image: 'hello:latest' }],
    ]);
    const again = await runFaas(['deploy', '-g', gw.url], { cwd: dir, env });
    expect(again.stderr).toBe('Deployed hello (updated, image hello:latest).\n');
    expect(gw.calls().slice(3)).toEqual(['GET /system/info', 'PUT /system/functions']);
  });

  it('maps every stack field into the body and applies -n, --env, --label and --annotation over it', async () => {
    const { dir } = await project([]);
    writeFileSync(
      join(dir, 'stack.yml'),
      `provider:\n  gateway: ${gw.url}\n  network: functions\nfunctions:\n  fn:\n    image: fn:1\n    fprocess: cat\n    environment:\n      A: "1"\n    labels:\n      team: a\n    secrets: [api-key]\n    limits:\n      memory: 64Mi\n    readonly_root_filesystem: true\n`,
    );
    const run = await runFaas(
      ['deploy', '-n', 'team-a', '-e', 'B=2', '-l', 'tier=web', '--annotation', 'topic=x'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(sent()[0]?.[1]).toEqual({
      service: 'fn',
      image: 'fn:1',
      namespace: 'team-a',
      envProcess: 'cat',
      envVars: { A: '1', B: '2' },
      labels: { team: 'a', tier: 'web' },
      annotations: { topic: 'x' },
      secrets: ['api-key'],
      limits: { memory: '64Mi' },
      readOnlyRootFilesystem: true,
      network: 'functions',
    });
    expect(run.stdout).toBe(`URL: ${gw.url}/function/fn.team-a\n`);
  });

  it("takes faas-cli's --update=false (create only), --readonly and --network", async () => {
    const { dir, env } = await project([['hello', 'node']]);
    const run = await runFaas(
      ['deploy', '-g', gw.url, '--update=false', '--readonly', '--network', 'fn-net'],
      {
        cwd: dir,
        env,
      },
    );
    expect(run.code).toBe(0);
    expect(sent()).toEqual([
      ['POST', { service: 'hello', image: 'hello:latest', readOnlyRootFilesystem: true, network: 'fn-net' }],
    ]);
  });

  it('deletes first with --replace', async () => {
    gw.addFunction({ name: 'hello' });
    const { dir, env } = await project([['hello', 'node']]);
    await runFaas(['deploy', '--replace', '-g', gw.url], { cwd: dir, env });
    expect(gw.calls()).toEqual([
      'GET /system/info',
      'DELETE /system/functions',
      'PUT /system/functions',
      'POST /system/functions',
    ]);
  });

  it('deploys --image/--name without a stack file', async () => {
    const run = await runFaas([
      'deploy',
      '--image',
      'ghcr.io/x/cat:1',
      '--name',
      'cat',
      '--fprocess',
      'cat',
      '--secret',
      's1',
      '-g',
      gw.url,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(sent()[0]?.[1]).toEqual({
      service: 'cat',
      image: 'ghcr.io/x/cat:1',
      envProcess: 'cat',
      secrets: ['s1'],
    });
    expect(JSON.parse(run.stdout)).toEqual([
      { name: 'cat', action: 'created', url: `${gw.url}/function/cat` },
    ]);
  });

  it('waits with --wait until a replica is ready', async () => {
    gw.readyAfterPolls = 3;
    const run = await runFaas(['deploy', '--image', 'cat', '--name', 'cat', '--wait', '-g', gw.url]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Deployed cat (created, image cat).\ncat is ready.\n');
    expect(gw.calls().filter((c) => c === 'GET /system/function/cat')).toHaveLength(3);
  });

  it('exits 1 when --wait times out', async () => {
    gw.readyAfterPolls = 1000;
    const run = await runFaas([
      'deploy',
      '--image',
      'cat',
      '--name',
      'cat',
      '--wait',
      '--timeout',
      '500ms',
      '-g',
      gw.url,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: cat not ready after 0.5s: cat: 0/1 replicas ready\n');
  });

  it('refuses an invalid deployment with its fields, sending nothing', async () => {
    const run = await runFaas([
      'deploy',
      '--image',
      'cat',
      '--name',
      'cat',
      '--label=bad key=x',
      '-g',
      gw.url,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: cat: invalid deployment\n {2}labels\.bad key: key must be a name/);
    expect(sent()).toEqual([]);
  });

  it.each([
    [['deploy', '--image', 'x'], /--image and --name go together/],
    [['deploy', '--image', 'x', '--name', 'x', '--timeout', 'soon'], /--timeout takes a duration/],
  ])('refuses %j with exit 2', async (args, message) => {
    const run = await runFaas([...args, '-g', gw.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('faas deploy on the local provider (source deploys)', () => {
  beforeEach(() => {
    gw.orchestration = 'local';
  });

  it('sends the build folder in com.faas.local.source with the template fprocess and http-mode settings', async () => {
    const { dir, env } = await project([['hello', 'node']]);
    writeFileSync(
      join(dir, 'stack.yml'),
      `functions:\n  hello:\n    lang: node\n    handler: ./hello\n    image: hello:latest\n    environment:\n      write_debug: "true"\n`,
    );
    const run = await runFaas(['deploy', '-g', gw.url], { cwd: dir, env });
    const folder = join(dir, 'build', 'hello');
    expect(run).toEqual({
      code: 0,
      stdout: `URL: ${gw.url}/function/hello\n`,
      stderr: `Deployed hello (created, from source ${folder}).\n`,
    });
    const body = sent()[0]?.[1];
    expect(body).toEqual({
      service: 'hello',
      image: 'hello:latest',
      envProcess: `node ${join(folder, 'index.js')}`,
      envVars: {
        mode: 'http',
        upstream_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        write_debug: 'true',
      },
      annotations: { 'com.faas.local.source': folder },
    });
    expect(readdirSync(folder).sort()).toEqual(['Dockerfile', 'function', 'index.js', 'package.json']);
  });

  it.each([
    ['python3', 'python3 <folder>/index.py', { mode: 'classic' }],
    ['bash', 'bash <folder>/function/handler.sh', { mode: 'classic' }],
  ])('deploys %s from source with fprocess %j', async (lang, fprocess, envVars) => {
    const { dir, env } = await project([['fn', lang]]);
    await runFaas(['deploy', '-g', gw.url], { cwd: dir, env });
    expect(sent()[0]?.[1]).toMatchObject({
      envProcess: fprocess.replace('<folder>', join(dir, 'build', 'fn')),
      envVars,
      annotations: { 'com.faas.local.source': join(dir, 'build', 'fn') },
    });
  });

  it('keeps a fprocess set in the stack file', async () => {
    const { dir, env } = await project([]);
    await runFaas(['new', 'fn', '--lang', 'bash'], { cwd: dir });
    writeFileSync(
      join(dir, 'stack.yml'),
      'functions:\n  fn:\n    lang: bash\n    handler: ./fn\n    image: fn\n    fprocess: sh function/handler.sh\n',
    );
    await runFaas(['deploy', '-g', gw.url], { cwd: dir, env });
    expect(sent()[0]?.[1]).toMatchObject({ envProcess: 'sh function/handler.sh' });
  });

  it('refuses up front what the local provider cannot run, deploying nothing', async () => {
    const { dir, env } = await project([
      ['hello', 'node'],
      ['box', 'dockerfile'],
    ]);
    writeFileSync(
      join(dir, 'stack.yml'),
      `${readFileSync(join(dir, 'stack.yml'), 'utf8')}  cat:\n    image: faas/cat\n`,
    );
    for (const command of ['deploy', 'up']) {
      const run = await runFaas([command, '-g', gw.url], {
        cwd: dir,
        env,
        imageBuilder: new FakeImageBuilder(),
      });
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr: expect.stringContaining(
          'error: the local provider runs each function as a process on this machine, not as an image; nothing was deployed:\n' +
            '  box (lang dockerfile): runs only as the image its Dockerfile builds\n' +
            '  cat: image faas/cat with no fprocess (the command each replica runs)\n' +
            '  Deploy these to Docker Swarm or Kubernetes, or give each an fprocess, a command this machine can run (`fprocess:` in the stack file, `--fprocess` with `--image`).\n',
        ),
      });
    }
    expect(sent()).toEqual([]);
  });

  it('deploys a dockerfile function that names its fprocess', async () => {
    const { dir, env } = await project([]);
    await runFaas(['new', 'box', '--lang', 'dockerfile'], { cwd: dir });
    writeFileSync(
      join(dir, 'stack.yml'),
      'functions:\n  box:\n    lang: dockerfile\n    handler: ./box\n    image: box\n    fprocess: cat\n',
    );
    const run = await runFaas(['deploy', '-g', gw.url], { cwd: dir, env });
    expect(run.code).toBe(0);
    expect(sent()[0]?.[1]).toEqual({ service: 'box', image: 'box', envProcess: 'cat' });
  });

  it('deploys the image with --from-image, without asking the provider', async () => {
    const { dir, env } = await project([['hello', 'node']]);
    await runFaas(['deploy', '--from-image', '-g', gw.url], { cwd: dir, env });
    expect(sent()[0]?.[1]).toEqual({ service: 'hello', image: 'hello:latest' });
    expect(gw.calls()).not.toContain('GET /system/info');
  });
});

describe('faas up', () => {
  it('builds, pushes and deploys on an image provider, using provider.gateway from the stack', async () => {
    const { dir, env } = await project([['hello', 'node']], gw.url);
    const builder = new FakeImageBuilder();
    const run = await runFaas(['up'], { cwd: dir, env, imageBuilder: builder });
    expect(run.code).toBe(0);
    expect([builder.builds.map((b) => b.tag), builder.pushes]).toEqual([['hello:latest'], ['hello:latest']]);
    expect(gw.calls()).toEqual([
      'GET /system/info',
      'GET /system/info',
      'PUT /system/functions',
      'POST /system/functions',
    ]);
  });

  it('skips the push with --skip-push, and deploys nothing when a push fails', async () => {
    const { dir, env } = await project([['hello', 'node']], gw.url);
    const builder = new FakeImageBuilder();
    expect((await runFaas(['up', '--skip-push'], { cwd: dir, env, imageBuilder: builder })).code).toBe(0);
    expect(builder.pushes).toEqual([]);
    builder.pushFails = true;
    const failed = await runFaas(['up', '--filter', 'hello'], { cwd: dir, env, imageBuilder: builder });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error: 1 push failed; nothing deployed\n$/);
    expect(gw.calls().filter((c) => c.startsWith('POST') || c.startsWith('PUT'))).toHaveLength(2);
  });

  it('deploys from source on the local provider, without building or pushing', async () => {
    gw.orchestration = 'local';
    const { dir, env } = await project([['hello', 'node']], gw.url);
    const builder = new FakeImageBuilder();
    const run = await runFaas(['up'], { cwd: dir, env, imageBuilder: builder });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^Local provider: template functions deploy from their source folders; no image build or push\.\n/,
    );
    expect([builder.builds, builder.pushes]).toEqual([[], []]);
    expect(existsSync(join(dir, 'build', 'hello', 'index.js'))).toBe(true);
    expect(sent()[0]?.[1]).toMatchObject({
      annotations: { 'com.faas.local.source': join(dir, 'build', 'hello') },
    });
  });
});
