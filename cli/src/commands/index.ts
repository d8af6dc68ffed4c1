import type { Command } from '../command.js';
import { buildCommand } from './build.js';
import { deployCommand } from './deploy.js';
import { pushCommand } from './push.js';
import { upCommand } from './up.js';
import { describeCommand } from './describe.js';
import { invokeCommand } from './invoke.js';
import { listCommand } from './list.js';
import { loginCommand, logoutCommand } from './login.js';
import { logsCommand } from './logs.js';
import { namespacesCommand } from './namespaces.js';
import { newCommand } from './new.js';
import { readyCommand } from './ready.js';
import { removeCommand } from './remove.js';
import { scaleCommand } from './scale.js';
import { secretCommand } from './secret/secret-commands.js';
import { templateCommand } from './template.js';
import { versionCommand } from './version.js';

/** Every `faas` command, in the order `faas --help` lists them. */
export const allCommands: Command[] = [
  newCommand,
  templateCommand,
  buildCommand,
  pushCommand,
  deployCommand,
  upCommand,
  listCommand,
  describeCommand,
  invokeCommand,
  removeCommand,
  logsCommand,
  scaleCommand,
  secretCommand,
  namespacesCommand,
  loginCommand,
  logoutCommand,
  readyCommand,
  versionCommand,
];
