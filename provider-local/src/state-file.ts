import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FaasError, MAX_REPLICAS, parseFunctionDeployment, rules } from '@faas/contracts';
import type { FunctionDeployment } from '@faas/contracts';
import { writeFileAtomic } from './atomic-write.js';

/** One deployed function as persisted. */
export interface StoredFunction {
  /** The deployment as validated (namespace filled in). */
  deployment: FunctionDeployment;
  /** Its namespace. */
  namespace: string;
  /** Desired replicas. */
  replicas: number;
  /** First deployed, RFC 3339. */
  createdAt: string;
}

/** An entry of the state file a start could not restore, kept with the reason. */
export interface SkippedEntry {
  /** When it was set aside, RFC 3339. */
  skippedAt: string;
  /** Why it could not be restored. */
  reason: string;
  /** The entry exactly as it was in the state file. */
  entry: unknown;
}

interface StateDocument {
  version: 1;
  functions: unknown[];
}

/** The state file cannot be used as it is; the message names the file and what to do. */
export class StateFileError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(
      `${path}: ${problem}. Nothing was started; move the file aside to start without its functions, or restore it from a backup`,
    );
    this.name = 'StateFileError';
  }
}

/**
 * `<data_dir>/state.json`: every deployed function and its desired replicas. Saves are atomic
 * (temp file + rename) and serialised, so the file always holds one complete, recent state.
 */
export class StateFile {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly path: string,
    /** Where `setAside` keeps entries that cannot be restored. */
    private readonly skippedPath: string,
  ) {}

  /**
   * The persisted entries, unchecked (restore checks each one); none when the file does not
   * exist yet. A file that cannot be read or parsed is a {@link StateFileError} naming it.
   */
  async load(): Promise<unknown[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StateFileError(this.path, `cannot be read (${(err as Error).message})`);
    }
    if (text.trim() === '') throw new StateFileError(this.path, 'is empty');
    let doc: Partial<StateDocument>;
    try {
      doc = JSON.parse(text) as Partial<StateDocument>;
    } catch (err) {
      throw new StateFileError(this.path, `is not valid JSON, perhaps cut short (${(err as Error).message})`);
    }
    if (doc?.version !== 1 || !Array.isArray(doc.functions)) {
      throw new StateFileError(
        this.path,
        `is not a state file this provider understands (version ${String(doc?.version)})`,
      );
    }
    return doc.functions;
  }

  /** Saves a snapshot; concurrent saves run one after another in call order. */
  save(functions: StoredFunction[]): Promise<void> {
    const doc: StateDocument = { version: 1, functions };
    return this.write(this.path, `${JSON.stringify(doc, null, 2)}\n`);
  }

  /** Adds entries to the skipped file (kept, never read back), so a skipped function is not lost. */
  async setAside(entries: SkippedEntry[]): Promise<string> {
    const earlier = await readFile(this.skippedPath, 'utf8')
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => []);
    const all = [...(Array.isArray(earlier) ? earlier : []), ...entries];
    await this.write(this.skippedPath, `${JSON.stringify(all, null, 2)}\n`);
    return this.skippedPath;
  }

  private write(path: string, text: string): Promise<void> {
    const next = this.chain.then(async () => {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(path, text, 0o600);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The function an entry names, for reports (quoted: an entry may hold anything). */
export function entryName(entry: unknown): string {
  const service = isRecord(entry) && isRecord(entry.deployment) ? entry.deployment.service : undefined;
  return typeof service === 'string' ? JSON.stringify(service) : '(unnamed)';
}

/**
 * Checks one entry of the state file as a deploy would have (contracts' validation): an older
 * version may have written what this one refuses, such as a NUL in a variable. Bad scaling labels
 * alone do not disqualify it (they are read with a warning). Throws an Error saying what is wrong.
 */
export function readStoredFunction(entry: unknown): StoredFunction {
  if (!isRecord(entry)) throw new Error('not an object');
  const { deployment, namespace, replicas, createdAt } = entry;
  if (typeof namespace !== 'string' || !rules.namespace.test(namespace))
    throw new Error(`namespace ${JSON.stringify(namespace)} ${rules.namespace.message}`);
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS)
    throw new Error(`replicas ${JSON.stringify(replicas)} is not a whole number from 0 to ${MAX_REPLICAS}`);
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)))
    throw new Error(`createdAt ${JSON.stringify(createdAt)} is not a time`);
  let checked: FunctionDeployment;
  try {
    checked = parseFunctionDeployment(deployment);
  } catch (err) {
    const scalingOnly =
      err instanceof FaasError &&
      err.problems.length > 0 &&
      err.problems.every((p) => p.field.startsWith('labels.com.openfaas.scale.'));
    if (!scalingOnly) throw new Error((err as Error).message, { cause: err });
    checked = deployment as FunctionDeployment;
  }
  return { deployment: checked, namespace, replicas, createdAt };
}
