import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BasicAuthCredentials } from '@faas/provider-http';

/**
 * Reads `<dir>/basic-auth-user` and `<dir>/basic-auth-password` (trimmed), the Docker secrets the
 * stack mounts. Throws an Error naming the missing or empty file, never its content.
 */
export async function readCredentials(dir: string): Promise<BasicAuthCredentials> {
  const read = async (file: string): Promise<string> => {
    const path = join(dir, file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(
        `basic auth is on but ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        { cause: err },
      );
    }
    if (text.trim() === '') throw new Error(`basic auth is on but ${path} is empty`);
    return text.trim();
  };
  return { user: await read('basic-auth-user'), password: await read('basic-auth-password') };
}
