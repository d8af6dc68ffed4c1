import { chmod, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/** What {@link AppendLog.open} found in an existing file. */
export interface Replay<T> {
  /** Every intact record, in order. */
  records: T[];
  /** Records skipped because they were torn (a crash mid-write) or failed their checksum. */
  skipped: number;
}

interface Pending {
  /** The framed record, in pieces written with one `writev` (never joined: a big record is copied once). */
  bytes: Buffer[];
  durable: boolean;
  resolve: () => void;
  reject: (err: Error) => void;
}

/** Queued calls carry callers' bodies: only the owner may read the files. */
export const PRIVATE_FILE = 0o600;

const NEWLINE = Buffer.from('\n');

/** One record per line: 8 hex digits of CRC-32, a space, the JSON, a newline (as pieces). */
function frame(record: unknown): Buffer[] {
  const json = Buffer.from(JSON.stringify(record));
  return [Buffer.from(`${crc32(json).toString(16).padStart(8, '0')} `), json, NEWLINE];
}

function lengthOf(pieces: Buffer[]): number {
  let n = 0;
  for (const piece of pieces) n += piece.length;
  return n;
}

/**
 * An append-only file of JSON records. Appends made while a write is in progress are written
 * together (group commit) with one `fdatasync` when any of them asked to be durable. A record torn
 * by a crash (no newline, bad checksum) is skipped on open and cut off so new records start clean.
 */
export class AppendLog<T> {
  private pending: Pending[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly path: string,
    private file: FileHandle,
    /** Bytes in the file. */
    public bytes: number,
  ) {}

  /** Opens (creating) the file and replays its records. */
  static async open<T>(path: string): Promise<{ log: AppendLog<T>; replay: Replay<T> }> {
    const content = await readFile(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return Buffer.alloc(0);
      throw err;
    });
    const records: T[] = [];
    let skipped = 0;
    let good = 0;
    let start = 0;
    for (let nl = content.indexOf(10, start); nl !== -1; nl = content.indexOf(10, start)) {
      const record = parseLine(content.subarray(start, nl));
      if (record === undefined) skipped++;
      else records.push(record as T);
      start = nl + 1;
      good = start;
    }
    if (good < content.length) skipped++;
    const file = await open(path, 'a+', PRIVATE_FILE);
    await chmod(path, PRIVATE_FILE); // a file an older version made 0644
    // A torn tail is cut off so the next record does not glue onto it.
    if (good < content.length) await file.truncate(good);
    return { log: new AppendLog<T>(path, file, good), replay: { records, skipped } };
  }

  /** Appends a record; resolves once written, and flushed to disk when `durable`. */
  append(record: T, durable: boolean): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`log ${this.path} is closed`));
    return new Promise((resolve, reject) => {
      this.pending.push({ bytes: frame(record), durable, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.chain = this.chain.then(() => this.flush());
      }
    });
  }

  /**
   * Replaces the whole file with `snapshot()`'s records (compaction): written to a temporary file,
   * synced, renamed over the log. Appends still waiting are dropped, because the snapshot, taken
   * after them, already holds their effect; they resolve once the new file is durable.
   */
  rewrite(snapshot: () => T[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`log ${this.path} is closed`));
    const run = async (): Promise<void> => {
      const absorbed = this.pending.splice(0);
      this.scheduled = false;
      try {
        const pieces = snapshot().flatMap(frame);
        const tmp = `${this.path}.tmp`;
        const out = await open(tmp, 'w', PRIVATE_FILE);
        await writeAll(out, pieces);
        await out.datasync();
        await out.close();
        await rename(tmp, this.path);
        await syncDir(dirname(this.path));
        await this.file.close();
        this.file = await open(this.path, 'a+', PRIVATE_FILE);
        this.bytes = lengthOf(pieces);
        for (const p of absorbed) p.resolve();
      } catch (err) {
        for (const p of absorbed) p.reject(err as Error);
        throw err;
      }
    };
    const result = this.chain.then(run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Waits for pending writes, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    await this.file.close();
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const pieces = batch.flatMap((p) => p.bytes);
    try {
      await writeAll(this.file, pieces);
      if (batch.some((p) => p.durable)) await this.file.datasync();
      this.bytes += lengthOf(pieces);
      for (const p of batch) p.resolve();
    } catch (err) {
      // Leave no half-written batch behind for the next append to follow.
      await this.file.truncate(this.bytes).catch(() => undefined);
      for (const p of batch) p.reject(err as Error);
    }
  }
}

function parseLine(line: Buffer): unknown {
  if (line.length < 10 || line[8] !== 32) return undefined;
  const json = line.subarray(9);
  if (crc32(json).toString(16).padStart(8, '0') !== line.subarray(0, 8).toString()) return undefined;
  try {
    return JSON.parse(json.toString());
  } catch {
    return undefined;
  }
}

/** Writes every piece in order with `writev`, again from where a short write stopped. */
async function writeAll(file: FileHandle, pieces: Buffer[]): Promise<void> {
  let rest = pieces.filter((piece) => piece.length > 0);
  while (rest.length > 0) {
    let { bytesWritten } = await file.writev(rest);
    let done = 0;
    while (done < rest.length && bytesWritten >= (rest[done] as Buffer).length) {
      bytesWritten -= (rest[done] as Buffer).length;
      done++;
    }
    rest = rest.slice(done);
    if (bytesWritten > 0) rest[0] = (rest[0] as Buffer).subarray(bytesWritten);
  }
}

/** Makes a rename durable: the directory entry itself must reach the disk. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
