import { existsSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { CliError } from '../errors.js';
import type { StackFunction } from '../stack/stack.js';
import type { Template } from '../templates/template-catalogue.js';
import type { WatchdogArtifacts } from './watchdog-artifacts.js';
import { copyTree } from './copy-tree.js';

/** What to put into a build folder. */
export interface BuildFolderRequest {
  /** The function (its handlerPath must be set). */
  fn: StackFunction;
  /** Its template. */
  template: Template;
  /** The folder holding `build/`: the stack file's directory. */
  projectDir: string;
  /** The watchdog to copy in; undefined for folders the local provider runs (it brings its own). */
  watchdog?: WatchdogArtifacts;
  /** Told about a fallback worth knowing. */
  warn?: (message: string) => void;
}

/** A shell wrapper used as `fwatchdog` when only the bundle exists: it needs node in the image. */
const NODE_WRAPPER =
  '#!/bin/sh\n# fwatchdog.js needs node; build the executable with npm run build:executable -w @faas/watchdog\nexec node /usr/local/bin/fwatchdog.js "$@"\n';

async function copyWatchdog(req: BuildFolderRequest, into: string): Promise<void> {
  const w = req.watchdog;
  if (!w) return;
  const hint = `build it with \`npm run build -w @faas/watchdog\` (or set FAAS_WATCHDOG_DIR); looked in ${w.dir}`;
  // Only what the image runs goes in: the image size is paid on every node that pulls it.
  const onNode = req.template.watchdog === 'bundle' || !w.executable;
  if (onNode) {
    if (!w.bundle) throw new CliError(`${req.fn.name}: the watchdog is not built: ${hint}`);
    await copyFile(w.bundle, join(into, 'fwatchdog.js'));
  }
  if (req.template.watchdog === 'executable') {
    if (w.executable) await copyFile(w.executable, join(into, 'fwatchdog'));
    else {
      await writeFile(join(into, 'fwatchdog'), NODE_WRAPPER);
      req.warn?.(
        `${req.fn.name}: no self-contained fwatchdog executable in ${w.dir}; the image needs node in its base (build it with \`npm run build:executable -w @faas/watchdog\`)`,
      );
    }
    await chmod(join(into, 'fwatchdog'), 0o755);
  }
  // The fork server speeds up the Node runtime's classic mode (it finds it beside itself); the
  // Bun executable never starts it, and http-mode templates fork nothing.
  if (onNode && req.template.mode !== 'http' && w.spawnHelper)
    await copyFile(w.spawnHelper, join(into, 'fwatchdog-spawn'));
}

/**
 * Merges a template and a handler into `<projectDir>/build/<name>/`: the template's files with
 * the handler under `function/` (for `dockerfile`, the handler folder is the whole context), plus
 * the watchdog when given. Written beside the old folder and swapped in, so a process running
 * from the old one never sees a half-written tree. Returns the folder's absolute path.
 */
export async function prepareBuildFolder(req: BuildFolderRequest): Promise<string> {
  const { fn, template, projectDir } = req;
  const handler = fn.handlerPath;
  if (!handler || !existsSync(handler) || !statSync(handler).isDirectory())
    throw new CliError(`${fn.name}: handler folder ${fn.handler ?? '(none)'} not found`);
  const buildRoot = join(projectDir, 'build');
  const target = join(buildRoot, fn.name);
  const staging = join(buildRoot, `.${fn.name}.${process.pid}.${Date.now()}`);
  await mkdir(buildRoot, { recursive: true });
  try {
    // Never copy VCS data, installed packages (installed again in the image) or build/ itself
    // (a handler of `.` contains it).
    const skip = (src: string) =>
      !['.git', 'node_modules'].includes(basename(src)) &&
      src !== buildRoot &&
      !src.startsWith(buildRoot + sep);
    if (template.ownDockerfile) {
      await copyTree(handler, staging, skip);
    } else {
      const templateOnly = (src: string) =>
        !['template.yml', 'function'].includes(relative(template.dir, src));
      await copyTree(template.dir, staging, templateOnly);
      await copyTree(handler, join(staging, 'function'), skip);
    }
    await copyWatchdog(req, staging);
    const old = `${staging}.old`;
    if (existsSync(target)) await rename(target, old);
    await rename(staging, target);
    await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return target;
}
