import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { FunctionDeployment } from '@faas/contracts';
import { prepareBuildFolder } from '../build/prepare-build-folder.js';
import type { StackFunction } from '../stack/stack.js';
import type { Template } from '../templates/template-catalogue.js';
import { installDependencies } from './install-dependencies.js';

/**
 * The annotation that tells the local provider to run a function from a folder instead of an
 * image: its value is the absolute path of the prepared build folder (cli/README.md, "Source
 * deploys on the local provider").
 */
export const LOCAL_SOURCE_ANNOTATION = 'com.faas.local.source';

/** A free loopback port, for a template's upstream server (the provider may pick another per replica). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A template's `fprocess` with its file arguments made absolute (`node index.js` →
 * `node /p/build/hello/index.js`), so it runs whatever the provider's working directory is. The
 * watchdog splits `fprocess` on spaces, so a folder whose path has whitespace keeps the relative
 * form, which then needs the provider to start the watchdog in the folder (README, contract).
 */
export function anchoredFprocess(fprocess: string, folder: string): string {
  if (/\s/.test(folder)) return fprocess;
  const [command, ...args] = fprocess.split(' ').filter(Boolean);
  return [
    command,
    ...args.map((a) => (!a.startsWith('/') && existsSync(join(folder, a)) ? join(folder, a) : a)),
  ].join(' ');
}

/** What a source deploy adds to a deployment. */
export interface LocalSource {
  /** The prepared folder (template + handler, dependencies installed). */
  folder: string;
  /** What was installed into it. */
  installed: string[];
}

/**
 * Prepares a template function to run from source on the local provider: writes the build folder
 * (no watchdog: the provider brings its own), installs declared dependencies, and returns the
 * deployment with the source annotation, the template's `fprocess` with absolute file paths (unless
 * the stack sets one) and
 * the template's watchdog settings (`mode`, and `upstream_url` for http mode) under the stack's
 * own `environment`. The image is kept as recorded.
 */
export async function localSourceDeployment(
  deployment: FunctionDeployment,
  fn: StackFunction,
  template: Template,
  projectDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ deployment: FunctionDeployment; source: LocalSource }> {
  const folder = await prepareBuildFolder({ fn, template, projectDir });
  const installed = await installDependencies(folder, template.language, env);
  const templateEnv: Record<string, string> = {};
  if (template.mode) templateEnv.mode = template.mode;
  if (template.mode === 'http') templateEnv.upstream_url = `http://127.0.0.1:${await freeLoopbackPort()}`;
  return {
    deployment: {
      ...deployment,
      envProcess: deployment.envProcess ?? (template.fprocess && anchoredFprocess(template.fprocess, folder)),
      envVars: { ...templateEnv, ...deployment.envVars },
      annotations: { ...deployment.annotations, [LOCAL_SOURCE_ANNOTATION]: folder },
    },
    source: { folder, installed },
  };
}
