import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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

interface StateDocument {
  version: 1;
  functions: StoredFunction[];
}

/**
 * `<data_dir>/state.json`: every deployed function and its desired replicas. Saves are atomic
 * (temp file + rename) and serialised, so the file always holds one complete, recent state.
 */
export class StateFile {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  /** The persisted functions; none when the file does not exist yet. */
  async load(): Promise<StoredFunction[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const doc = JSON.parse(text) as StateDocument;
    if (doc.version !== 1 || !Array.isArray(doc.functions)) {
      throw new Error(
        `${this.path}: not a state file this provider understands (version ${String(doc.version)})`,
      );
    }
    return doc.functions;
  }

  /** Saves a snapshot; concurrent saves run one after another in call order. */
  save(functions: StoredFunction[]): Promise<void> {
    const doc: StateDocument = { version: 1, functions };
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    const next = this.chain.then(async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, text, 0o600);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
