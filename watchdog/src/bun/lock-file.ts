/**
 * The lock file (see ../lock-file.ts) with Bun's file API: node:fs would cost this runtime ~4 MB
 * of resident memory for three calls.
 */
export class BunLockFile {
  constructor(
    readonly path: string,
    private readonly suppressed: boolean,
  ) {}

  async write(): Promise<void> {
    if (!this.suppressed) await Bun.write(this.path, '');
  }

  async remove(): Promise<void> {
    if (!this.suppressed)
      await Bun.file(this.path)
        .delete()
        .catch(() => undefined);
  }

  /** True when the file exists (or is suppressed); deleting it by hand makes the replica unhealthy. */
  present(): Promise<boolean> {
    return this.suppressed ? Promise.resolve(true) : Bun.file(this.path).exists();
  }
}
