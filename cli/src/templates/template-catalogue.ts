import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CliError } from '../errors.js';
import { packageRoot } from '../package-root.js';

/** Which watchdog build a template's Dockerfile copies in. */
export type WatchdogKind = 'bundle' | 'executable';

/** A language template: `templates/<lang>/` with template.yml, Dockerfile and function/. */
export interface Template {
  /** The `lang` value in stack files. */
  language: string;
  /** One line for `faas template list`. */
  description: string;
  /** The command the watchdog runs, relative to the build folder; absent for `dockerfile`. */
  fprocess?: string;
  /** The watchdog mode the template runs in (`http`, `classic`). */
  mode?: string;
  /** `bundle`: fwatchdog.js run by node; `executable`: the self-contained fwatchdog. */
  watchdog: WatchdogKind;
  /** Printed by `faas new`. */
  welcomeMessage?: string;
  /** Absolute path of the template folder. */
  dir: string;
  /** Whether the handler folder is the whole build context (bring your own Dockerfile). */
  ownDockerfile: boolean;
}

/** The templates shipped with the CLI. */
export function builtInTemplatesDir(): string {
  return join(packageRoot(), 'templates');
}

function readTemplate(dir: string, name: string): Template | undefined {
  const file = join(dir, name, 'template.yml');
  if (!existsSync(file)) return undefined;
  const raw = (parse(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  return {
    language: text('language') ?? name,
    description: text('description') ?? '',
    fprocess: text('fprocess'),
    mode: text('mode'),
    watchdog: text('watchdog') === 'bundle' ? 'bundle' : 'executable',
    welcomeMessage: text('welcome_message'),
    dir: join(dir, name),
    ownDockerfile: !existsSync(join(dir, name, 'Dockerfile')),
  };
}

/**
 * Templates from several folders, earlier folders winning: a project's `./template/<lang>`
 * (the faas-cli convention) overrides the built-in one of the same name.
 */
export function listTemplates(dirs: string[]): Template[] {
  const found = new Map<string, Template>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || found.has(entry.name)) continue;
      const template = readTemplate(dir, entry.name);
      if (template) found.set(entry.name, template);
    }
  }
  return [...found.values()].sort((a, b) => a.language.localeCompare(b.language));
}

/** The template folders for a project directory: its `template/`, then the built-in ones. */
export function templateDirs(projectDir: string): string[] {
  return [join(projectDir, 'template'), builtInTemplatesDir()];
}

/** The template named `lang`, or a CliError listing the ones there are. */
export function findTemplate(lang: string, dirs: string[]): Template {
  const all = listTemplates(dirs);
  const template = all.find((t) => t.language === lang || t.dir.endsWith(`/${lang}`));
  if (!template)
    throw new CliError(`no template "${lang}"; available: ${all.map((t) => t.language).join(', ')}`);
  return template;
}
