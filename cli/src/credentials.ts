import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from './gateway-client.js';
import { CliError } from './errors.js';

/** The credentials file: one Basic token per gateway URL, like faas-cli's `auths`. */
interface CredentialsFile {
  /** Gateway URL (no trailing slash) → `base64(user:password)`. */
  gateways: Record<string, { auth: string }>;
}

/** Where `faas` keeps its settings: `$XDG_CONFIG_HOME/faas`, else `~/.faas`. */
export function configDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'faas');
  return join(env.HOME || homedir(), '.faas');
}

/** Stores and reads gateway credentials in `<configDir>/credentials.json`, mode 0600. */
export class CredentialStore {
  /** The file's path. */
  readonly path: string;

  constructor(private readonly dir: string) {
    this.path = join(dir, 'credentials.json');
  }

  private async read(): Promise<CredentialsFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return { gateways: {} };
    }
    try {
      const parsed = JSON.parse(text) as Partial<CredentialsFile>;
      return { gateways: { ...parsed.gateways } };
    } catch {
      throw new CliError(`${this.path} is not valid JSON; remove it and run \`faas login\` again`);
    }
  }

  private async write(file: CredentialsFile): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    // Written 0600 from the first byte, then renamed, so the password is never readable by others.
    await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, this.path);
  }

  /** The credentials saved for a gateway, if any. */
  async get(gateway: string): Promise<Credentials | undefined> {
    const entry = (await this.read()).gateways[normalize(gateway)];
    if (!entry) return undefined;
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }

  /** Saves credentials for a gateway, replacing earlier ones. */
  async save(gateway: string, credentials: Credentials): Promise<void> {
    const file = await this.read();
    const auth = Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64');
    file.gateways[normalize(gateway)] = { auth };
    await this.write(file);
  }

  /** Forgets a gateway's credentials; false when there were none. */
  async remove(gateway: string): Promise<boolean> {
    const file = await this.read();
    if (!file.gateways[normalize(gateway)]) return false;
    delete file.gateways[normalize(gateway)];
    if (Object.keys(file.gateways).length === 0) await rm(this.path, { force: true });
    else await this.write(file);
    return true;
  }
}

function normalize(url: string): string {
  return url.replace(/\/+$/, '');
}
