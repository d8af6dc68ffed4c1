// The function images `faas build` makes from each template, built offline (FROM the scratch-built
// faas/offline-base, python3 FROM faas/offline-python:e2e) through a real Docker engine: each may
// add at most its budget to its base image (docker image inspect sizes), and each still serves
// calls on the watchdog it carries — the node image on the image's own node (the bundle), the
// others on the self-contained Bun executable. The sample functions of deploy/functions likewise
// (their own tag, so :latest is left alone). Budgets and measurements: bench/README.md,
// "Function images".
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { components, describeWith } from '@faas/e2e';
import { buildOfflinePythonBase, faas, python3 } from './cli-support.js';
import { buildWatchdogImage, run, startContainer } from './image-support.js';

const MB = 1_000_000;

/** What each template may add to its base: the watchdog it carries, its own files, some slack. */
const TEMPLATES = [
  // fwatchdog.mjs (~45 KB) + index.js + the handler: no executable where node is already there.
  { lang: 'node', base: 'faas/offline-base:latest', budget: 0.25 * MB, runtime: 'node' },
  // The Bun executable (~110 MB) and nothing else: no fork server, the Bun runtime never uses it.
  { lang: 'python3', base: 'faas/offline-python:e2e', budget: 111 * MB, runtime: 'bun' },
  { lang: 'bash', base: 'faas/offline-base:latest', budget: 111 * MB, runtime: 'bun' },
  { lang: 'dockerfile', base: 'faas/offline-base:latest', budget: 111 * MB, runtime: 'bun' },
] as const;

/** The uncompressed size docker reports for an image, in bytes. */
function imageSize(image: string): number {
  return Number(run('docker', ['image', 'inspect', '-f', '{{.Size}}', image]).trim());
}

describeWith([components.docker, python3], 'function images built from the templates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faas-template-images-'));
  const env = { XDG_CONFIG_HOME: join(dir, 'config'), NO_COLOR: '1' };
  const image = (lang: string) => `faas-e2e-tpl-${lang}:latest`;
  const containers: string[] = [];
  // The executable's own size: what the Bun templates' budgets are about.
  let executableBytes = 0;

  beforeAll(async () => {
    run(process.execPath, ['watchdog/build.mjs', '--executable']);
    executableBytes = Number(run('stat', ['-c', '%s', 'watchdog/dist/fwatchdog']).trim());
    run('sh', ['deploy/images/offline-base.sh']);
    buildOfflinePythonBase();
    mkdirSync(env.XDG_CONFIG_HOME);
    for (const { lang } of TEMPLATES) {
      const created = await faas(['new', `tpl-${lang}`, '--lang', lang, '-q'], dir, env);
      if (created.code !== 0) throw new Error(`faas new --lang ${lang}:\n${created.stderr}`);
    }
    let stack = readFileSync(join(dir, 'stack.yml'), 'utf8');
    for (const { lang, base } of TEMPLATES)
      stack = stack.replace(
        new RegExp(`    image: tpl-${lang}:latest\\n`),
        `    image: ${image(lang)}\n    build_args:\n      BASE: ${base}\n`,
      );
    writeFileSync(join(dir, 'stack.yml'), stack);
    const built = await faas(['build', '--parallel', '1'], dir, env);
    if (built.code !== 0) throw new Error(`faas build:\n${built.stdout}${built.stderr}`);
  }, 600_000);

  afterAll(() => {
    if (containers.length > 0) run('docker', ['rm', '-f', ...containers]);
    for (const { lang } of TEMPLATES) run('docker', ['rmi', '-f', image(lang)]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the budgets against the executable they were set for', () => {
    // A Bun executable grown past the budgets is a finding to write down, not to hide.
    expect(executableBytes).toBeGreaterThan(50 * MB);
    expect(executableBytes).toBeLessThan(111 * MB);
  });

  it.each(TEMPLATES)(
    'keeps the $lang image within $budget bytes of its base',
    ({ lang, base, budget, runtime }) => {
      const added = imageSize(image(lang)) - imageSize(base);
      expect(added).toBeLessThanOrEqual(budget);
      // The Bun templates carry the executable and nothing beside it (no 0.8 MB fork server).
      if (runtime === 'bun') expect(added).toBeLessThan(executableBytes + 0.1 * MB);
    },
  );

  it('runs the node image on its own node, without the executable', () => {
    const listing = run('docker', [
      'run',
      '--rm',
      '--entrypoint',
      'ls',
      image('node'),
      '/usr/local/lib',
      '/usr/local/bin',
    ]);
    expect(listing).toContain('fwatchdog.mjs');
    expect(listing).not.toMatch(/^fwatchdog$/m);
  });

  it.each([
    ['node', 'Hello from node: images', /Watchdog mode: http, fprocess: node index\.js$/m],
    ['python3', 'Hello from python3: images\n', /Watchdog mode: classic, fprocess: python3 index\.py \(Bun /],
    [
      'bash',
      'Hello from bash: images\n',
      /Watchdog mode: classic, fprocess: bash function\/handler\.sh \(Bun /,
    ],
  ])(
    'serves a call from the %s image on the runtime it carries',
    async (lang, expected, started) => {
      const { id, url } = await startContainer(image(lang), ['healthcheck_interval=1s'], containers);
      const res = await fetch(`${url}/`, { method: 'POST', body: 'images' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(expected);
      expect(run('docker', ['exec', id, 'ls', '/tmp/.lock']).trim()).toBe('/tmp/.lock');
      expect(run('docker', ['logs', id])).toMatch(started);
      // SIGTERM drains (1 s of unready serving, healthcheck_interval) and exits 0 on either runtime.
      run('docker', ['stop', '-t', '20', id]);
      expect(run('docker', ['inspect', '-f', '{{.State.ExitCode}}', id]).trim()).toBe('0');
    },
    60_000,
  );
});

describeWith([components.docker], 'the sample function images (deploy/functions)', () => {
  const tag = 'e2e-images';
  const samples = ['cat', 'sha512sum', 'env', 'node-info', 'webhook-stash', 'redirect'];
  const containers: string[] = [];

  beforeAll(() => {
    // The process samples are FROM the watchdog image.
    buildWatchdogImage('faas/watchdog:e2e');
    run('sh', ['deploy/functions/build.sh', '--offline'], { TAG: tag, WATCHDOG_IMAGE: 'faas/watchdog:e2e' });
  }, 600_000);

  afterAll(() => {
    if (containers.length > 0) run('docker', ['rm', '-f', ...containers]);
    run('docker', ['rmi', '-f', ...samples.map((s) => `faas/fn-${s}:${tag}`)]);
  });

  it.each([
    // fwatchdog.mjs + the fork server (classic mode) + the handler.
    ['node-info', 1 * MB],
    ['webhook-stash', 1 * MB],
    // fwatchdog.mjs + the server: http mode forks nothing.
    ['redirect', 0.1 * MB],
    // FROM the watchdog image: the Bun executable (its default base, debian slim, has no node).
    ['cat', 111 * MB],
  ])('keeps faas/fn-%s within its budget above the offline base', (sample, budget) => {
    const added = imageSize(`faas/fn-${sample}:${tag}`) - imageSize('faas/offline-base:latest');
    expect(added).toBeLessThanOrEqual(budget);
  });

  it('runs the Node samples on the watchdog bundle, forking through the fork server in classic mode', async () => {
    const { id, url } = await startContainer(
      `faas/fn-node-info:${tag}`,
      ['healthcheck_interval=1s'],
      containers,
    );
    const res = await fetch(`${url}/`, { method: 'POST', body: '' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Hostname: \w+/);
    const logs = run('docker', ['logs', id]);
    expect(logs).toContain('Forking through the fork server /usr/local/lib/fwatchdog/fwatchdog-spawn.');
    expect(logs).toMatch(/Watchdog mode: classic, fprocess: node \/home\/app\/handler\.mjs$/m);
  }, 60_000);
});
