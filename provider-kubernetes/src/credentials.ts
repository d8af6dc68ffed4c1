import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BasicAuthCredentials } from '@faas/provider-http';

/** The credentials `/system/*` requires: an object so "auth off" can be bound in the container too. */
export interface ProviderCredentials {
  /** Undefined when basic auth is off. */
  auth?: BasicAuthCredentials;
}
/** Injection token of {@link ProviderCredentials}. */
export const ProviderCredentials = Symbol('ProviderCredentials');

/**
 * Reads `<dir>/basic-auth-user` and `<dir>/basic-auth-password` (trimmed), the files the
 * `basic-auth` Secret mounts; a clear error names the missing file, never a value.
 */
export async function readCredentials(dir: string): Promise<BasicAuthCredentials> {
  const read = async (file: string): Promise<string> => {
    const path = join(dir, file);
    let text: string;
    try {
      text = (await readFile(path, 'utf8')).trim();
    } catch {
      throw new Error(
        `basic_auth is on but ${path} cannot be read: mount the basic-auth Secret (README) or set basic_auth=false`,
      );
    }
    if (!text) throw new Error(`basic_auth is on but ${path} is empty`);
    return text;
  };
  return { user: await read('basic-auth-user'), password: await read('basic-auth-password') };
}
