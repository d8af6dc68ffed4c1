import { existsSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The classic watchdog's readiness marker: written once the watchdog accepts calls, removed on
 * SIGTERM. Probes may `cat` it (`/tmp/.lock` by default) or ask `GET /_/health`, which checks it.
 */
export class LockFile {
  constructor(
    /** Where the file lives (`lock_file_path`). */
    readonly path: string,
    /** `suppress_lock`: never write it, and do not require it for health. */
    private readonly suppressed: boolean,
  ) {}

  write(): void {
    if (!this.suppressed) writeFileSync(this.path, '');
  }

  remove(): void {
    if (!this.suppressed) rmSync(this.path, { force: true });
  }

  /** True when the file exists (or is suppressed); deleting it by hand makes the replica unhealthy. */
  present(): boolean {
    return this.suppressed || existsSync(this.path);
  }
}
