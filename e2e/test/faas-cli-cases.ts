// The faas-cli cases, written once and run against each provider (faas-cli-local.test.ts,
// faas-cli-swarm.test.ts) with every faas-cli release pinned in e2e/openfaas/tools.txt: what an
// OpenFaaS user types, checked on the CLI's output and exit code and on the gateway's API.
import { spawn, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWith } from '@faas/e2e';
import type { Component } from '@faas/e2e';
import { until } from '@faas/service-kit/testing';
import { pinnedFaasClis, runCommand, tool } from './openfaas-support.js';
import type { RunResult } from './openfaas-support.js';
import { startReceiver } from './swarm-async.js';
import { GatewayClient } from './swarm-support.js';

/** The platform one run of the cases talks to. */
export interface FaasCliTarget {
  /** `local` or `swarm`: what `faas-cli version` reports as the provider's orchestration. */
  orchestration: string;
  /** What the suite needs besides the faas-cli binary. */
  needs: Component[];
  /** Starts (or finds) the platform; resolves to its gateway URL and admin password. */
  start(): Promise<{ url: string; password: string }>;
  /** Stops what `start` started. */
  stop(): Promise<void>;
  /** The image functions are deployed from (recorded, not run, by the local provider). */
  image: string;
  /** An fprocess that prints the secret `name` as the function sees it. */
  catSecret(name: string): string;
  /** The host the platform's queue worker reaches a callback receiver on this machine at. */
  callbackHost(): Promise<string>;
}

/** A function's status as the gateway reports it. */
type Status = Record<string, unknown> & { availableReplicas?: number; replicas?: number };

/** Registers one describe per pinned faas-cli release against `target`. */
export function describeFaasCli(target: FaasCliTarget): void {
  for (const { binary, release } of pinnedFaasClis()) {
    const cli = tool(binary);
    describeWith([...target.needs, cli], `faas-cli ${release} (${target.orchestration})`, () =>
      cases(target, cli.path, release),
    );
  }
}

/** Whether this faas-cli build has a top-level command `name` (older releases lack some). */
function hasCommand(path: string, name: string): boolean {
  const help = spawnSync(path, ['--help'], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
  return new RegExp(`^\\s+${name}\\s`, 'm').test(help);
}

function cases(target: FaasCliTarget, path: string, release: string): void {
  // Names unique per release, so the releases' runs never see each other's functions.
  const p = `fc${release.replace(/\D/g, '')}`;
  const fn = {
    env: `${p}-env`,
    secret: `${p}-secret`,
    stackEnv: `${p}-stack-env`,
    stackCat: `${p}-stack-cat`,
  };
  const secret = { literal: `${p}-literal`, stdin: `${p}-stdin`, file: `${p}-file` };
  let dir: string;
  let url: string;
  let password: string;
  let gateway: GatewayClient;
  const faasCli = (args: string[], stdin?: string): Promise<RunResult> =>
    runCommand(path, args, {
      cwd: dir,
      stdin,
      env: { HOME: join(dir, 'home'), OPENFAAS_URL: url, NO_COLOR: '1' },
    });
  /** Asserts that a run exited 0; when not, Jest shows what it printed. */
  const succeeded = (res: RunResult) =>
    expect(`${res.stdout}${res.stderr}(exit ${res.code})`).toMatch(/\(exit 0\)$/);
  const login = () => faasCli(['login', '--username', 'admin', '--password-stdin'], `${password}\n`);
  const status = (name: string) => gateway.status(name) as Promise<Status | undefined>;
  const untilReady = (name: string) =>
    until(
      `${name} to be ready`,
      async () => (((await status(name))?.availableReplicas ?? 0) > 0 ? true : undefined),
      120_000,
    );
  const invoke = async (name: string, args: string[] = [], body = '') => {
    const res = await faasCli(['invoke', name, ...args], body);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    return res.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `faas-cli-${release}-`));
    mkdirSync(join(dir, 'home'));
    ({ url, password } = await target.start());
    gateway = new GatewayClient(url, password);
  }, 900_000);

  afterAll(async () => {
    // Best effort: a case may have left these behind (or the platform may be gone).
    const remove = (path: string, body: unknown) =>
      gateway?.system('DELETE', path, body).catch(() => undefined);
    for (const name of Object.values(fn)) await remove('/system/functions', { functionName: name });
    for (const name of Object.values(secret)) await remove('/system/secrets', { name });
    await target.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('refuses a wrong password, saves the right one, and forgets it on logout', async () => {
    const wrong = await faasCli(['login', '--username', 'admin', '--password-stdin'], 'wrong\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).toMatch(/username or password is incorrect/);
    expect(await login()).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`credentials saved for admin ${url}`),
    });
    // faas-cli keeps its config under $HOME/.openfaas, or under ./.openfaas when it cannot use HOME
    // (seen in CI): either way, private.
    const saved = [join(dir, 'home', '.openfaas', 'config.yml'), join(dir, '.openfaas', 'config.yml')].find(
      (file) => existsSync(file),
    );
    expect(saved).toBeDefined();
    expect(statSync(saved as string).mode & 0o777).toBe(0o600);
    const out = await faasCli(['logout']);
    expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining(`credentials removed for ${url}`) });
    const denied = await faasCli(['list']);
    expect(denied.code).toBe(1);
    expect(denied.stdout + denied.stderr).toMatch(/unauthorized/i);
    expect((await login()).code).toBe(0);
  });

  it('prints its own version and the gateway and provider with `version --warn-update=false`', async () => {
    const res = await faasCli(['version', '--warn-update=false']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`version: ${release}`);
    expect(res.stdout).toMatch(new RegExp(`Gateway\\s+uri:\\s+${url}`));
    expect(res.stdout).toMatch(new RegExp(`orchestration: ${target.orchestration}`));
  });

  it('creates secrets from a literal, from stdin and --from-file, and lists them', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'from a file\n');
    for (const [name, args, stdin] of [
      [secret.literal, ['--from-literal', 'from a literal'], ''],
      [secret.stdin, [], ' from stdin \n'],
      [secret.file, ['--from-file', 'secret.txt'], ''],
    ] as const) {
      const res = await faasCli(['secret', 'create', name, ...args], stdin);
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(res.stdout).toContain('Created: 201 Created');
    }
    const list = await faasCli(['secret', 'list']);
    expect(list.code).toBe(0);
    for (const name of Object.values(secret)) expect(list.stdout).toMatch(new RegExp(`^${name}$`, 'm'));
  });

  it('deploys with env, labels, annotations, constraints, a read-only root and a secret', async () => {
    const res = await faasCli([
      'deploy', '--image', target.image, '--name', fn.env, '--fprocess', 'env',
      '--env', 'greeting=hello', '--label', 'team=clients', '--annotation', 'topic=faas-cli',
      '--constraint', 'node.role==manager', '--readonly', '--secret', secret.literal,
    ]); // prettier-ignore
    expect(res).toMatchObject({ code: 0, stdout: expect.stringContaining('Deployed. 202 Accepted.') });
    await untilReady(fn.env);
    expect(await status(fn.env)).toMatchObject({
      image: target.image,
      envProcess: 'env',
      envVars: { greeting: 'hello' },
      labels: { team: 'clients' },
      annotations: { topic: 'faas-cli' },
      constraints: ['node.role==manager'],
      readOnlyRootFilesystem: true,
      secrets: [secret.literal],
    });
    expect(await invoke(fn.env)).toMatch(/^greeting=hello$/m);
  }, 180_000);

  it('answers 409 to `deploy --update=false` of an existing function, and leaves it as it was', async () => {
    const res = await faasCli([
      'deploy',
      '--image',
      target.image,
      '--name',
      fn.env,
      '--fprocess',
      'cat',
      '--update=false',
    ]);
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).toContain('409');
    expect(await status(fn.env)).toMatchObject({ envProcess: 'env' });
  });

  it('describes a ready function, a missing one, and one at zero replicas', async () => {
    const ready = await faasCli(['describe', fn.env]);
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^Status:\s+Ready$/m);
    expect(ready.stdout).toMatch(/^Function Process:\s+env$/m);
    expect(ready.stdout).toMatch(/^Environment:\n greeting: hello$/m);
    const missing = await faasCli(['describe', `${p}-missing`]);
    expect(missing.code).toBe(1);
    expect(missing.stdout + missing.stderr).toContain(`No such function: ${p}-missing`);
    expect(
      (await gateway.system('POST', `/system/scale-function/${fn.env}`, { serviceName: fn.env, replicas: 0 }))
        .status,
    ).toBe(202);
    await until(
      `${fn.env} at zero`,
      async () => ((await status(fn.env))?.availableReplicas === 0 ? true : undefined),
      60_000,
    );
    const zero = await faasCli(['describe', fn.env]);
    expect(zero.stdout).toMatch(/^Status:\s+Not Ready$/m);
    expect(zero.stdout).toMatch(/^Replicas:\s+0$/m);
    // The next call scales it back from zero (a replica still shutting down must not answer it).
    expect(await invoke(fn.env)).toMatch(/^greeting=hello$/m);
    expect(await status(fn.env)).toMatchObject({ replicas: 1 });
  }, 180_000);

  it('lists functions with -v and -q', async () => {
    // Invocations come from Prometheus on Swarm and Kubernetes (faas_prometheus_host), as in
    // OpenFaaS: a call shows once Prometheus has scraped the gateway (every 5 s), not at once.
    const row = new RegExp(`^${fn.env}\\s+${target.image}\\s+[1-9]\\d*\\s+\\d+\\s+\\d{4}-`, 'm');
    const verbose = await until(
      `a row with invocations for ${fn.env} in list -v`,
      async () => {
        const res = await faasCli(['list', '-v']);
        if (!row.test(res.stdout))
          throw new Error(`no row matching ${String(row)} in:\n${res.stdout}${res.stderr}`);
        return res;
      },
      60_000,
      2_000,
    );
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatch(/^Function\s+Image\s+Invocations\s+Replicas\s+CreatedAt/);
    expect(verbose.stdout).toMatch(row);
    const quiet = await faasCli(['list', '-q']);
    expect(quiet.stdout.split('\n')).toContain(fn.env);
  }, 90_000);

  it('invokes with headers, query, method and content type', async () => {
    const out = await invoke(
      fn.env,
      [
        '-H',
        'X-Test=one',
        '--query',
        'a=b',
        '--query',
        'c=d',
        '--method',
        'PUT',
        '--content-type',
        'application/json',
      ],
      '{}',
    );
    expect(out).toMatch(/^Http_X_Test=one$/m);
    expect(out).toMatch(/^Http_Query=a=b&c=d$/m);
    expect(out).toMatch(/^Http_Method=PUT$/m);
    expect(out).toMatch(/^Http_Content_Type=application\/json$/m);
    // Hop-by-hop headers are not request data.
    expect(out).not.toMatch(/^Http_Connection=/m);
  });

  it('signs the body with --sign and --key (HMAC-SHA1)', async () => {
    const out = await invoke(fn.env, ['--sign', 'X-Hub-Signature', '--key', 'k3y'], 'signed body');
    const expected = createHmac('sha1', 'k3y').update('signed body').digest('hex');
    expect(out).toMatch(new RegExp(`^Http_X_Hub_Signature=sha1=${expected}$`, 'm'));
  });

  it('invokes with --async and the result reaches the X-Callback-Url', async () => {
    const receiver = await startReceiver();
    try {
      const callback = `http://${await target.callbackHost()}:${receiver.port}/done`;
      const res = await faasCli(['invoke', fn.env, '--async', '-H', `X-Callback-Url=${callback}`], 'later');
      expect(res.code).toBe(0);
      expect(res.stdout + res.stderr).toContain('Function submitted asynchronously.');
      const got = await until('the callback', async () => receiver.received[0], 60_000);
      expect(got.headers['x-function-status']).toBe('200');
      expect(got.body).toMatch(/^greeting=hello$/m);
    } finally {
      // A callback still in flight (the case failed) must not hold the receiver, or the run, open.
      receiver.server.closeAllConnections();
      await new Promise((resolve) => receiver.server.close(resolve));
    }
  }, 90_000);

  it('shows logs as text with --since, --lines, --instance, and follows new lines', async () => {
    await invoke(fn.env);
    // Other replicas' lines (one shutting down, say) may come after the call's: look back 20.
    const recent = await until(
      'the call in the logs',
      async () => {
        const res = await faasCli([
          'logs',
          fn.env,
          '--tail=false',
          '--since',
          '5m',
          '--lines',
          '20',
          '--name',
          '--instance',
        ]);
        return res.code === 0 && res.stdout.includes('Forking fprocess.') ? res.stdout : undefined;
      },
      30_000,
    );
    // faas-cli warns on stdout when the gateway speaks plain HTTP off loopback (the cluster's ClusterIP).
    const lines = recent
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('WARNING! You are not using an encrypted connection'));
    expect(lines.length).toBeLessThanOrEqual(20);
    // Each line: time, function, (instance), then the text as written: no JSON.
    for (const line of lines)
      expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+ ${fn.env} \\(\\S+\\) [^{\\s]`));
    expect(recent).toMatch(/ Forking fprocess\.$/m);
    // In the login's directory: under CI=true faas-cli keeps its credentials in ./.openfaas.
    const follow = spawn(path, ['logs', fn.env, '--since', '1s'], {
      cwd: dir,
      env: { ...process.env, HOME: join(dir, 'home'), OPENFAAS_URL: url },
    });
    let followed = '';
    follow.stdout.on('data', (d: Buffer) => (followed += d.toString()));
    follow.stderr.on('data', (d: Buffer) => (followed += d.toString()));
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      await invoke(fn.env, [], 'followed');
      await until(
        'a followed log line',
        () => {
          if (followed.includes('Forking fprocess.')) return true;
          throw new Error(`faas-cli logs printed ${JSON.stringify(followed.slice(-500))}`);
        },
        30_000,
      );
    } finally {
      follow.kill();
    }
  }, 90_000);

  it('lists namespaces', async () => {
    const res = await faasCli(['namespaces']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Namespaces:\n - openfaas-fn$/m);
  });

  (hasCommand(path, 'namespace') ? it : it.skip)(
    `creates, gets and deletes a namespace, or says the provider has none (501)${hasCommand(path, 'namespace') ? '' : ` [faas-cli ${release} has no \`namespace\` command]`}`,
    async () => {
      for (const args of [
        ['create', `${p}-ns`],
        ['get', `${p}-ns`],
        ['delete', `${p}-ns`],
      ]) {
        const res = await faasCli(['namespace', ...args]);
        expect(res.code).not.toBe(0);
        expect(res.stdout + res.stderr).toMatch(/501|does not manage namespaces/);
      }
    },
  );

  (hasCommand(path, 'ready') ? it : it.skip)(
    `waits with \`ready\` for the gateway and for a function${hasCommand(path, 'ready') ? '' : ` [faas-cli ${release} has no \`ready\` command]`}`,
    async () => {
      expect((await faasCli(['ready'])).code).toBe(0);
      expect((await faasCli(['ready', fn.env])).code).toBe(0);
      expect(
        (await faasCli(['ready', `${p}-missing`, '--attempts', '2', '--interval', '100ms'])).code,
      ).not.toBe(0);
    },
  );

  it('deploys a stack.yml whose fprocess is under environment:, with limits and requests, and removes it', async () => {
    // Not ./stack.yml: faas-cli would read that one in every later `deploy --name …` too.
    writeFileSync(
      join(dir, 'functions.yml'),
      `version: 1.0
provider:
  name: openfaas
  gateway: ${url}
functions:
  ${fn.stackEnv}:
    image: ${target.image}
    environment:
      fprocess: env
      from_stack: "yes"
    limits:
      memory: 64Mi
      cpu: 500m
    requests:
      memory: 16Mi
      cpu: 50m
  ${fn.stackCat}:
    image: ${target.image}
    fprocess: cat
`,
    );
    const deploy = await faasCli(['deploy', '-f', 'functions.yml']);
    expect(deploy.stdout + deploy.stderr).not.toMatch(/\b4\d\d\b/);
    succeeded(deploy);
    await untilReady(fn.stackEnv);
    await untilReady(fn.stackCat);
    expect(await status(fn.stackEnv)).toMatchObject({
      envVars: { from_stack: 'yes' },
      limits: { memory: '64Mi', cpu: '500m' },
      requests: { memory: '16Mi', cpu: '50m' },
    });
    // It runs the fprocess its environment names.
    const out = await invoke(fn.stackEnv);
    expect(out).toMatch(/^fprocess=env$/m);
    expect(out).toMatch(/^from_stack=yes$/m);
    expect(await invoke(fn.stackCat, [], 'echo')).toBe('echo');
    const removed = await faasCli(['remove', '-f', 'functions.yml']);
    expect(removed.code).toBe(0);
    expect(await status(fn.stackEnv)).toBeUndefined();
    expect(await status(fn.stackCat)).toBeUndefined();
  }, 240_000);

  it('removes a function, after which describe says it does not exist', async () => {
    const res = await faasCli(['remove', fn.env]);
    expect(res).toMatchObject({ code: 0, stdout: expect.stringContaining(`Deleting: ${fn.env}.`) });
    expect((await faasCli(['describe', fn.env])).stdout).toContain(`No such function: ${fn.env}`);
  });
  it('deploys with --replace: the function is removed and created again, with its secret', async () => {
    const deploy = () =>
      faasCli(['deploy', '--image', target.image, '--name', fn.secret, '--fprocess', target.catSecret(secret.literal),
        '--secret', secret.literal, '--replace', '--update=false']); // prettier-ignore
    succeeded(await deploy());
    await untilReady(fn.secret);
    for (let round = 0; round < 3; round++) {
      const res = await deploy();
      expect(res).toMatchObject({ code: 0, stdout: expect.stringContaining('Deployed. 202 Accepted.') });
      await untilReady(fn.secret);
      expect(await invoke(fn.secret)).toBe('from a literal');
    }
  }, 300_000);

  it('updates a secret and a redeployed function reads the new value, then removes secrets', async () => {
    const update = await faasCli(['secret', 'update', secret.literal, '--from-literal', 'updated']);
    expect(update).toMatchObject({ code: 0, stdout: expect.stringContaining('Updated: 202 Accepted') });
    const redeploy = await faasCli(['deploy', '--image', target.image, '--name', fn.secret, '--fprocess',
      target.catSecret(secret.literal), '--secret', secret.literal, '--annotation', 'round=2']); // prettier-ignore
    succeeded(redeploy);
    await untilReady(fn.secret);
    expect(await invoke(fn.secret)).toBe('updated');
    expect((await faasCli(['remove', fn.secret])).code).toBe(0);
    for (const name of [secret.stdin, secret.file]) {
      const res = await faasCli(['secret', 'remove', name]);
      expect(res).toMatchObject({ code: 0, stdout: expect.stringContaining(`Removed.. OK.`) });
    }
    const list = await faasCli(['secret', 'list']);
    expect(list.stdout).not.toMatch(new RegExp(`^${secret.stdin}$`, 'm'));
  }, 180_000);
}
