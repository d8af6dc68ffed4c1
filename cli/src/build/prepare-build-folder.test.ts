import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StackFunction } from '../stack/stack.js';
import { builtInTemplatesDir, findTemplate } from '../templates/template-catalogue.js';
import { prepareBuildFolder } from './prepare-build-folder.js';
import type { WatchdogArtifacts } from './watchdog-artifacts.js';

const templates = [builtInTemplatesDir()];

async function project(lang: string) {
  const dir = mkdtempSync(join(tmpdir(), 'faas-build-'));
  const template = findTemplate(lang, templates);
  await cp(join(template.dir, 'function'), join(dir, 'fn'), { recursive: true });
  const fn: StackFunction = {
    name: 'fn',
    lang,
    handler: './fn',
    handlerPath: join(dir, 'fn'),
    image: 'fn:latest',
    line: 1,
  };
  return { dir, fn, template };
}

/** A watchdog build folder as `npm run build:executable -w @faas/watchdog` leaves it. */
function fakeWatchdog(withExecutable: boolean): WatchdogArtifacts {
  const dir = mkdtempSync(join(tmpdir(), 'faas-wd-'));
  writeFileSync(join(dir, 'fwatchdog.js'), '// bundle');
  writeFileSync(join(dir, 'fwatchdog-spawn'), 'ELF spawn', { mode: 0o755 });
  if (withExecutable) writeFileSync(join(dir, 'fwatchdog'), 'ELF', { mode: 0o755 });
  return {
    dir,
    bundle: join(dir, 'fwatchdog.js'),
    executable: withExecutable ? join(dir, 'fwatchdog') : undefined,
    spawnHelper: join(dir, 'fwatchdog-spawn'),
  };
}

describe('prepareBuildFolder', () => {
  it('merges the node template and the handler under function/, with the watchdog bundle', async () => {
    const { dir, fn, template } = await project('node');
    const folder = await prepareBuildFolder({ fn, template, projectDir: dir, watchdog: fakeWatchdog(true) });
    expect(folder).toBe(join(dir, 'build', 'fn'));
    expect(readdirSync(folder).sort()).toEqual([
      'Dockerfile',
      'function',
      'fwatchdog.js',
      'index.js',
      'package.json',
    ]);
    expect(readdirSync(join(folder, 'function')).sort()).toEqual(['handler.js', 'package.json']);
    expect(readFileSync(join(folder, 'fwatchdog.js'), 'utf8')).toBe('// bundle');
  });

  it('copies the executable watchdog for bash, keeping the handler executable', async () => {
    const { dir, fn, template } = await project('bash');
    const folder = await prepareBuildFolder({ fn, template, projectDir: dir, watchdog: fakeWatchdog(true) });
    expect(readdirSync(folder).sort()).toEqual(['Dockerfile', 'function', 'fwatchdog']);
    expect(statSync(join(folder, 'fwatchdog')).mode & 0o777).toBe(0o755);
    expect(statSync(join(folder, 'function', 'handler.sh')).mode & 0o100).toBe(0o100);
  });

  it('falls back to a node wrapper around the bundle, and says so, without the executable', async () => {
    const { dir, fn, template } = await project('python3');
    const warnings: string[] = [];
    const folder = await prepareBuildFolder({
      fn,
      template,
      projectDir: dir,
      watchdog: fakeWatchdog(false),
      warn: (w) => warnings.push(w),
    });
    expect(readFileSync(join(folder, 'fwatchdog'), 'utf8')).toContain(
      'exec node /usr/local/bin/fwatchdog.js "$@"',
    );
    expect(existsSync(join(folder, 'fwatchdog.js'))).toBe(true);
    // The Node runtime forks through the fork server in classic mode; it looks beside itself.
    expect(readFileSync(join(folder, 'fwatchdog-spawn'), 'utf8')).toBe('ELF spawn');
    expect(warnings).toEqual([
      expect.stringMatching(/^fn: no self-contained fwatchdog executable in .*the image needs node/),
    ]);
  });

  it('uses the handler folder as the whole context for dockerfile', async () => {
    const { dir, fn, template } = await project('dockerfile');
    const folder = await prepareBuildFolder({ fn, template, projectDir: dir, watchdog: fakeWatchdog(true) });
    expect(readdirSync(folder).sort()).toEqual(['Dockerfile', 'fwatchdog']);
  });

  it('leaves the watchdog out for the local provider, and node_modules, .git and build/ always', async () => {
    const { dir, template } = await project('node');
    // A handler of "." holds build/ itself.
    await cp(join(template.dir, 'function'), dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    const fn: StackFunction = {
      name: 'fn',
      lang: 'node',
      handler: '.',
      handlerPath: dir,
      image: 'fn',
      line: 1,
    };
    await prepareBuildFolder({ fn, template, projectDir: dir });
    const folder = await prepareBuildFolder({ fn, template, projectDir: dir });
    expect(readdirSync(folder).sort()).toEqual(['Dockerfile', 'function', 'index.js', 'package.json']);
    expect(readdirSync(join(folder, 'function')).sort()).toEqual(['fn', 'handler.js', 'package.json']);
    expect(readdirSync(join(dir, 'build'))).toEqual(['fn']);
  });

  it('replaces a previous build, dropping files the handler no longer has', async () => {
    const { dir, fn, template } = await project('bash');
    writeFileSync(join(dir, 'fn', 'old.txt'), 'stale');
    await prepareBuildFolder({ fn, template, projectDir: dir });
    await cp(join(dir, 'fn', 'handler.sh'), join(dir, 'handler.sh'));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'fn', 'old.txt'));
    const folder = await prepareBuildFolder({ fn, template, projectDir: dir });
    expect(readdirSync(join(folder, 'function'))).toEqual(['handler.sh']);
  });

  it.each([
    ['a missing handler folder', false, /^fn: handler folder \.\/fn not found$/],
    [
      'no watchdog build at all',
      true,
      /^fn: the watchdog is not built: build it with `npm run build -w @faas\/watchdog`/,
    ],
  ])('fails clearly for %s', async (_what, handlerExists, message) => {
    const { dir, fn, template } = await project('node');
    if (!handlerExists) fn.handlerPath = join(dir, 'missing');
    const watchdog: WatchdogArtifacts = { dir: '/nowhere' };
    await expect(prepareBuildFolder({ fn, template, projectDir: dir, watchdog })).rejects.toThrow(message);
    expect(existsSync(join(dir, 'build', 'fn'))).toBe(false);
  });
});
