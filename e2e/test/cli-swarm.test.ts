// `faas` against the platform on a REAL single-node Docker Swarm (deploy/swarm/up.sh --offline):
// new + up of a node, a python3 and a bash function — images built by the CLI through the Docker
// API FROM the offline bases, not pushed (no registry; one node) — then invoke, list, remove.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { components, describeWith } from '@faas/e2e';
import { buildOfflinePythonBase, faas, python3 } from './cli-support.js';
import { downStack, gatewayUrl, newPassword, run, upStack } from './swarm-support.js';

const FUNCTIONS = [
  ['cli-node', 'node', 'faas/offline-base:latest'],
  ['cli-python', 'python3', 'faas/offline-python:e2e'],
  ['cli-bash', 'bash', 'faas/offline-base:latest'],
] as const;

describeWith([components.docker, components.swarm, python3], 'faas CLI on a real Docker Swarm', () => {
  let password = newPassword();
  let dir: string;
  let env: Record<string, string>;
  const cli = (args: string[], stdin?: string) => faas(args, dir, env, stdin);

  beforeAll(async () => {
    // up.sh --offline builds the watchdog executable and faas/offline-base the templates use.
    const upOutput = await upStack(password);
    // up.sh keeps basic-auth secrets that already exist; read the password the way it says to.
    const readPassword = /Password:\s+(.+)$/m.exec(upOutput)?.[1];
    if (readPassword) password = (await run('sh', ['-c', readPassword])).trim();
    buildOfflinePythonBase();
    dir = mkdtempSync(join(tmpdir(), 'faas-cli-swarm-'));
    mkdirSync(join(dir, 'config'));
    env = { OPENFAAS_URL: gatewayUrl, XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };
  }, 900_000);

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const [name] of FUNCTIONS)
      await run('docker', ['rmi', '-f', `${name}:latest`]).catch(() => undefined);
    await downStack();
  }, 240_000);

  it('logs in to the Swarm gateway, which reports orchestration swarm', async () => {
    expect((await cli(['login', '--password-stdin'], password)).code).toBe(0);
    expect((await cli(['version'])).stdout).toMatch(/orchestration: swarm/);
  });

  it('builds the images offline and deploys them with `faas up --skip-push --wait`', async () => {
    for (const [name, lang] of FUNCTIONS) expect((await cli(['new', name, '--lang', lang])).code).toBe(0);
    // Each function builds FROM an offline base through its own build_args.
    let stack = readFileSync(join(dir, 'stack.yml'), 'utf8');
    for (const [name, , base] of FUNCTIONS)
      stack = stack.replace(
        `    image: ${name}:latest\n`,
        `    image: ${name}:latest\n    build_args:\n      BASE: ${base}\n`,
      );
    writeFileSync(join(dir, 'stack.yml'), stack);
    const up = await cli(['up', '--skip-push', '--parallel', '2', '--wait', '--timeout', '120s']);
    expect(up.stderr).not.toContain('error:');
    expect(up.code).toBe(0);
    for (const [name] of FUNCTIONS) {
      expect(up.stdout).toContain(`[${name}] built ${name}:latest in `);
      expect(up.stdout).toContain(`URL: ${gatewayUrl}/function/${name}\n`);
    }
  }, 600_000);

  it.each([
    ['cli-node', 'Hello from node: swarm'],
    ['cli-python', 'Hello from python3: swarm\n'],
    ['cli-bash', 'Hello from bash: swarm\n'],
  ])('invokes %s through the gateway', async (name, expected) => {
    expect(await cli(['invoke', name], 'swarm')).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('lists them as ready and removes them all', async () => {
    const listed = JSON.parse((await cli(['list', '--json'])).stdout) as {
      name: string;
      availableReplicas: number;
    }[];
    for (const [name] of FUNCTIONS)
      expect(listed.find((f) => f.name === name)?.availableReplicas).toBeGreaterThan(0);
    const removed = await cli(['remove', '-f', 'stack.yml']);
    expect(removed.code).toBe(0);
    const after = JSON.parse((await cli(['list', '--json'])).stdout) as { name: string }[];
    expect(after.filter((f) => f.name.startsWith('cli-'))).toEqual([]);
  });
});
