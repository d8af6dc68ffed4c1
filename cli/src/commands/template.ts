import type { Command } from '../command.js';
import { flag, jsonOption } from '../options.js';
import { Printer } from '../printer.js';
import { listTemplates, templateDirs } from '../templates/template-catalogue.js';

const list: Command = {
  name: 'list',
  aliases: ['ls'],
  summary: 'list the language templates',
  usage: 'faas template list [--json]',
  options: jsonOption,
  async run({ io, values }) {
    const templates = listTemplates(templateDirs(io.cwd));
    const out = new Printer(io);
    if (flag(values, 'json'))
      return out.json(
        templates.map(({ language, description, fprocess, mode, dir }) => ({
          language,
          description,
          fprocess,
          mode,
          dir,
        })),
      );
    out.table(
      ['Language', 'Mode', 'Description'],
      templates.map((t) => [t.language, t.mode ?? '-', t.description]),
    );
  },
};

/** `faas template list`: the templates `faas new --lang` accepts. */
export const templateCommand: Command = {
  name: 'template',
  summary: 'list the language templates (shipped, and ./template/ of the project)',
  usage: 'faas template list [--json]',
  options: {},
  subcommands: [list],
  async run() {},
};
