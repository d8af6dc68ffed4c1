import { join, resolve } from 'node:path';

/** The layout of the data directory, in one place. */
export class DataPaths {
  /** The data directory, absolute. */
  readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir);
  }

  /** Deployed functions and their desired replicas. */
  get stateFile(): string {
    return join(this.root, 'state.json');
  }

  /** Generated basic-auth credentials. */
  credentialFile(name: 'basic-auth-user' | 'basic-auth-password'): string {
    return join(this.root, name);
  }

  /** Where entries a start could not restore are kept (`state.json` without them). */
  get skippedStateFile(): string {
    return join(this.root, 'state-skipped.json');
  }

  /** Every namespace's secrets directory. */
  get secretsRoot(): string {
    return join(this.root, 'secrets');
  }

  /** One namespace's secrets: a file per secret. */
  secretsDir(namespace: string): string {
    return join(this.secretsRoot, namespace);
  }

  /** Every namespace's function directories. */
  get functionsRoot(): string {
    return join(this.root, 'functions');
  }

  /** A function's own directory (its working directory and mounted secrets). */
  functionDir(name: string, namespace: string): string {
    return join(this.functionsRoot, namespace, name);
  }

  /** Where a function finds its secrets (the `secret_mount_path` it is given). */
  functionSecretsDir(name: string, namespace: string): string {
    return join(this.functionDir(name, namespace), 'secrets');
  }

  /** Functions' log files (`<namespace>/<name>.ndjson`). */
  get logsDir(): string {
    return join(this.root, 'logs');
  }

  /** Pid and lock files of running replicas. */
  get runDir(): string {
    return join(this.root, 'run');
  }
}
