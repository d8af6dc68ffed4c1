import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { FaasError, secretBytes } from '@faas/contracts';
import type { Secret, SecretDescription } from '@faas/contracts';
import type { SecretStore } from '@faas/provider-http';
import { isTempFile, writeFileAtomic } from './atomic-write.js';
import { DataPaths } from './data-paths.js';

/** Told when a secret's value changes or it goes, so functions mounting it are refreshed. */
export type SecretListener = (name: string, namespace: string) => Promise<void>;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Secrets as files: `<data_dir>/secrets/<namespace>/<name>`, 0600 in a 0700 directory, written
 * atomically. Values never leave except into a function's own secrets directory.
 */
@injectable()
export class SecretFiles implements SecretStore {
  private listener: SecretListener = async () => undefined;

  constructor(@inject(DataPaths) private readonly paths: DataPaths) {}

  /** Registers the one listener (the function runtime). */
  onChange(listener: SecretListener): void {
    this.listener = listener;
  }

  async list(namespace: string): Promise<SecretDescription[]> {
    let names: string[];
    try {
      names = await readdir(this.paths.secretsDir(namespace));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return names
      .filter((n) => !isTempFile(n))
      .sort()
      .map((name) => ({ name, namespace }));
  }

  async create(secret: Secret, namespace: string): Promise<void> {
    const file = this.file(secret.name, namespace);
    if (await exists(file))
      throw new FaasError('CONFLICT', `Secret ${secret.name} already exists in ${namespace}.`);
    await mkdir(this.paths.secretsDir(namespace), { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, secretBytes(secret), 0o600);
  }

  async update(secret: Secret, namespace: string): Promise<void> {
    const file = this.file(secret.name, namespace);
    if (!(await exists(file))) throw this.notFound(secret.name, namespace);
    await writeFileAtomic(file, secretBytes(secret), 0o600);
    await this.listener(secret.name, namespace);
  }

  async remove(name: string, namespace: string): Promise<void> {
    const file = this.file(name, namespace);
    if (!(await exists(file))) throw this.notFound(name, namespace);
    await rm(file);
    await this.listener(name, namespace);
  }

  /** A secret's bytes, or undefined when it does not exist (for mounting into a function). */
  async read(name: string, namespace: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.file(name, namespace));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /**
   * Puts exactly `names` into a function's secrets directory (the container equivalent of
   * `/var/openfaas/secrets`); returns the names that no longer exist.
   */
  async mount(names: readonly string[], namespace: string, dir: string): Promise<string[]> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const missing: string[] = [];
    for (const name of names) {
      const bytes = await this.read(name, namespace);
      if (bytes) await writeFileAtomic(join(dir, name), bytes, 0o600);
      else {
        missing.push(name);
        await rm(join(dir, name), { force: true });
      }
    }
    for (const present of await readdir(dir)) {
      if (!names.includes(present)) await rm(join(dir, present), { force: true });
    }
    return missing;
  }

  private file(name: string, namespace: string): string {
    return join(this.paths.secretsDir(namespace), name);
  }

  private notFound(name: string, namespace: string): FaasError {
    return new FaasError('NOT_FOUND', `No such secret: ${name} in ${namespace}.`);
  }
}
