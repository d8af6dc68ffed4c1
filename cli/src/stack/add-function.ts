import { isMap, parseDocument } from 'yaml';
import { CliError } from '../errors.js';

/** The entry `faas new` writes for a function. */
export interface NewFunctionEntry {
  /** The template. */
  lang: string;
  /** The handler folder, relative to the stack file (`./hello`). */
  handler: string;
  /** The image name and tag. */
  image: string;
  /** `limits` (`--memory-limit`, `--cpu-limit`). */
  limits?: { memory?: string; cpu?: string };
  /** `requests` (`--memory-request`, `--cpu-request`). */
  requests?: { memory?: string; cpu?: string };
}

/**
 * Adds a function to a stack file's text (or starts a new file), keeping the rest of the file,
 * its comments included, as it was. A CliError when the name is taken.
 */
export function addFunctionToStack(
  existing: string | undefined,
  name: string,
  entry: NewFunctionEntry,
  gateway: string,
): string {
  const fresh = `version: 1.0\nprovider:\n  name: openfaas\n  gateway: ${gateway}\nfunctions:\n`;
  const doc = parseDocument(existing === undefined || existing.trim() === '' ? fresh : existing);
  if (doc.errors.length)
    throw new CliError(`the stack file is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
  if (!isMap(doc.contents))
    throw new CliError('the stack file must be a map with version, provider and functions');
  if (!isMap(doc.get('functions'))) doc.set('functions', doc.createNode({}));
  if (doc.hasIn(['functions', name])) throw new CliError(`function ${name} is already in the stack file`);
  doc.setIn(['functions', name], doc.createNode(entry));
  return doc.toString();
}
