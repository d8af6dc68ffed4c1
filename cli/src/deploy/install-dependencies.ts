import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../errors.js';

/** Runs a command to completion; a CliError with its last output lines when it fails. */
function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  what: string,
  hint: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new CliError(`${what}: cannot run ${command}: ${err.message}`, [hint]));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new CliError(`${what} failed (exit ${code})`, [...output.slice(-15), hint]));
    });
  });
}

/** Whether a requirements.txt lists any package (not only comments and blank lines). */
export function hasRequirements(file: string): boolean {
  if (!existsSync(file)) return false;
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/** Whether a package.json declares runtime dependencies. */
export function hasNodeDependencies(file: string): boolean {
  if (!existsSync(file)) return false;
  const deps = (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> })
    .dependencies;
  return Boolean(deps && Object.keys(deps).length > 0);
}

/**
 * Installs a build folder's handler dependencies for the local provider, which runs the folder as
 * is: `function/requirements.txt` with `pip install --target python_packages` (index.py puts that
 * folder on sys.path), `function/package.json` dependencies with `npm install --omit=dev`.
 * Nothing runs when nothing is declared. pip honours PIP_INDEX_URL, PIP_NO_INDEX and
 * PIP_FIND_LINKS from the environment, so an offline wheel folder works.
 */
export async function installDependencies(
  folder: string,
  lang: string,
  env: NodeJS.ProcessEnv,
): Promise<string[]> {
  const done: string[] = [];
  const requirements = join(folder, 'function', 'requirements.txt');
  if (lang === 'python3' && hasRequirements(requirements)) {
    await run(
      'python3',
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--quiet',
        '--target',
        join(folder, 'python_packages'),
        '-r',
        requirements,
      ],
      folder,
      env,
      'pip install of function/requirements.txt',
      'hint: pip needs a reachable package index; offline, point it at a folder of wheels: PIP_NO_INDEX=1 PIP_FIND_LINKS=/path/to/wheels',
    );
    done.push('python_packages');
  }
  const pkg = join(folder, 'function', 'package.json');
  if (hasNodeDependencies(pkg)) {
    await run(
      'npm',
      ['install', '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock'],
      join(folder, 'function'),
      env,
      'npm install of function/package.json',
      'hint: npm needs a reachable registry (npm config get registry)',
    );
    done.push('function/node_modules');
  }
  return done;
}
