import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { dropUndefined, rules } from '@faas/contracts';
import type { Command, OptionValues } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { resolveGatewayUrl } from '../gateway-target.js';
import { flag, gatewayOptions, requiredPositional, stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { addFunctionToStack } from '../stack/add-function.js';
import { findTemplate, listTemplates, templateDirs } from '../templates/template-catalogue.js';

/** `--memory-limit 128Mi` and friends as a stack file's `limits`/`requests` map, or undefined. */
function resources(values: OptionValues, kind: 'limit' | 'request') {
  const memory = stringValue(values, `memory-${kind}`);
  const cpu = stringValue(values, `cpu-${kind}`);
  return memory || cpu ? dropUndefined({ memory, cpu }) : undefined;
}

/** A template's welcome message about `function/…` files, pointing at where they really are. */
export function welcomeFor(message: string, handlerPath: string): string {
  return message.replace(/(^|[^\w/.-])function\//g, `$1${handlerPath}/`);
}

/**
 * `faas new NAME --lang LANG`: writes a handler folder from a template and adds it to stack.yml;
 * `faas new --list` lists the templates. Flags as faas-cli's (`--append`, `--quiet`, resources).
 */
export const newCommand: Command = {
  name: 'new',
  summary: 'create a function from a template and add it to stack.yml',
  usage:
    'faas new NAME --lang LANG [--prefix REGISTRY] [--handler DIR] [-f stack.yml | --append FILE] [--memory-limit Q]...\nfaas new --list',
  options: {
    gateway: { ...gatewayOptions.gateway!, description: 'gateway URL to write into a new stack file' },
    lang: { type: 'string', short: 'l', valueName: 'LANG', description: 'template (faas template list)' },
    prefix: {
      type: 'string',
      short: 'p',
      valueName: 'REGISTRY',
      description: 'image prefix, e.g. registry:5000/team',
    },
    handler: { type: 'string', valueName: 'DIR', description: 'handler folder (default ./NAME)' },
    yaml: {
      type: 'string',
      short: 'f',
      valueName: 'FILE',
      description: 'stack file to create or add to (default stack.yml)',
    },
    append: { type: 'string', short: 'a', valueName: 'FILE', description: 'add to this existing stack file' },
    list: { type: 'boolean', description: 'list the templates (as `faas template list`)' },
    quiet: { type: 'boolean', short: 'q', description: "do not print the template's notes" },
    'memory-limit': { type: 'string', valueName: 'QTY', description: 'limits.memory, e.g. 128Mi' },
    'cpu-limit': { type: 'string', valueName: 'QTY', description: 'limits.cpu, e.g. 500m' },
    'memory-request': { type: 'string', valueName: 'QTY', description: 'requests.memory' },
    'cpu-request': { type: 'string', valueName: 'QTY', description: 'requests.cpu' },
  },
  async run({ io, values, positionals }) {
    const out = new Printer(io);
    if (flag(values, 'list')) {
      const languages = listTemplates(templateDirs(io.cwd)).map((t) => `- ${t.language}`);
      out.line(`Languages available as templates:\n${languages.join('\n')}`);
      return;
    }
    const name = requiredPositional(positionals, 0, 'the function name');
    if (!rules.functionName.test(name))
      throw new UsageError(`function name "${name}" ${rules.functionName.message}`);
    const lang = stringValue(values, 'lang');
    if (!lang) throw new UsageError('missing --lang LANG (see `faas template list`)');
    const append = stringValue(values, 'append');
    if (append !== undefined && stringValue(values, 'yaml') !== undefined)
      throw new UsageError('give -f or --append, not both');
    if (append !== undefined && !existsSync(resolve(io.cwd, append)))
      throw new CliError(`--append ${append}: no such stack file (-f FILE creates one)`);
    const stackFile = resolve(
      io.cwd,
      append ??
        stringValue(values, 'yaml') ??
        (existsSync(resolve(io.cwd, 'stack.yaml')) ? 'stack.yaml' : 'stack.yml'),
    );
    const stackDir = dirname(stackFile);
    let template;
    try {
      template = findTemplate(lang, templateDirs(stackDir));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const handlerDir = resolve(io.cwd, stringValue(values, 'handler') ?? name);
    if (existsSync(handlerDir))
      throw new CliError(
        `${relative(io.cwd, handlerDir) || handlerDir} already exists; choose another name or --handler`,
      );

    const existing = existsSync(stackFile) ? await readFile(stackFile, 'utf8') : undefined;
    const prefix = stringValue(values, 'prefix')?.replace(/\/+$/, '');
    const handlerRef = `./${relative(stackDir, handlerDir).split('\\').join('/')}`;
    const text = addFunctionToStack(
      existing,
      name,
      {
        lang: template.language,
        handler: handlerRef,
        image: `${prefix ? `${prefix}/` : ''}${name}:latest`,
        limits: resources(values, 'limit'),
        requests: resources(values, 'request'),
      },
      resolveGatewayUrl(values, io.env),
    );
    await cp(join(template.dir, 'function'), handlerDir, {
      recursive: true,
      errorOnExist: true,
      force: false,
    });
    await writeFile(stackFile, text);

    const handlerShown = relative(io.cwd, handlerDir) || '.';
    out.line(`Function ${name} (${template.language}) created in ${handlerShown}/`);
    out.line(`${existing === undefined ? 'Created' : 'Updated'} ${relative(io.cwd, stackFile)}`);
    if (template.welcomeMessage && !flag(values, 'quiet'))
      out.line(welcomeFor(template.welcomeMessage, handlerShown));
    const stackFlag =
      append !== undefined || stringValue(values, 'yaml') ? ` -f ${relative(io.cwd, stackFile)}` : '';
    out.line(`Next: faas up${stackFlag}`);
  },
};
