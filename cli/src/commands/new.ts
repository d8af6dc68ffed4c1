import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { rules } from '@faas/contracts';
import type { Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { resolveGatewayUrl } from '../gateway-target.js';
import { gatewayOptions, requiredPositional, stringValue } from '../options.js';
import { Printer } from '../printer.js';
import { addFunctionToStack } from '../stack/add-function.js';
import { findTemplate, templateDirs } from '../templates/template-catalogue.js';

/** `faas new NAME --lang LANG`: writes a handler folder from a template and adds it to stack.yml. */
export const newCommand: Command = {
  name: 'new',
  summary: 'create a function from a template and add it to stack.yml',
  usage: 'faas new NAME --lang LANG [--prefix REGISTRY] [--handler DIR] [-f stack.yml]',
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
  },
  async run({ io, values, positionals }) {
    const name = requiredPositional(positionals, 0, 'the function name');
    if (!rules.functionName.test(name))
      throw new UsageError(`function name "${name}" ${rules.functionName.message}`);
    const lang = stringValue(values, 'lang');
    if (!lang) throw new UsageError('missing --lang LANG (see `faas template list`)');
    const stackFile = resolve(
      io.cwd,
      stringValue(values, 'yaml') ?? (existsSync(resolve(io.cwd, 'stack.yaml')) ? 'stack.yaml' : 'stack.yml'),
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
      },
      resolveGatewayUrl(values, io.env),
    );
    await cp(join(template.dir, 'function'), handlerDir, {
      recursive: true,
      errorOnExist: true,
      force: false,
    });
    await writeFile(stackFile, text);

    const out = new Printer(io);
    out.line(`Function ${name} (${template.language}) created in ${relative(io.cwd, handlerDir) || '.'}/`);
    out.line(`${existing === undefined ? 'Created' : 'Updated'} ${relative(io.cwd, stackFile)}`);
    if (template.welcomeMessage) out.line(template.welcomeMessage);
    out.line(`Next: faas up${stringValue(values, 'yaml') ? ` -f ${relative(io.cwd, stackFile)}` : ''}`);
  },
};
