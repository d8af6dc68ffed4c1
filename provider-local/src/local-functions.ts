import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { FaasError, readScalingLabels } from '@faas/contracts';
import type { FunctionDeployment, FunctionStatus } from '@faas/contracts';
import type { Logger } from '@faas/service-kit';
import type { DataPaths } from './data-paths.js';
import { functionStatus } from './function-status.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { LocalFunction } from './local-function.js';
import type { LogBuffer } from './log-buffer.js';
import { processUsage } from './process-usage.js';
import { Replica } from './replica.js';
import { replicaEnvironment } from './replica-env.js';
import type { ReplicaEnvironment } from './replica-env.js';
import type { SecretFiles } from './secret-files.js';
import { checkSourceDir, SOURCE_ANNOTATION, sourceDir } from './source-dir.js';
import { entryName, readStoredFunction } from './state-file.js';
import type { SkippedEntry, StateFile, StoredFunction } from './state-file.js';
import { perReplicaUpstream } from './upstream-port.js';

/** What the function runtime is built from. */
export interface LocalFunctionsDeps {
  paths: DataPaths;
  secrets: SecretFiles;
  logs: LogBuffer;
  state: StateFile;
  logger: Logger;
  /** How to start one watchdog: `node <entry>` or `bun <entry>` (watchdog-command.ts). */
  watchdog: { command: string; args: string[] };
  /** The provider's environment; only a few variables are passed on (replica-env.ts). */
  parentEnv: Record<string, string | undefined>;
  /** Longest restart back-off. */
  backoffMaxMs: number;
}

const key = (name: string, namespace: string): string => `${namespace}/${name}`;

/**
 * The local functions: specs, replica processes, persistence. The provider roles (deployer,
 * reader, scaler, resolver) are thin views of it (roles.ts). Every change is validated before
 * anything is started or written, then persisted before replicas start. Changes to one name run
 * one after another, a removal's clean-up included (keyed-serializer.ts).
 */
export class LocalFunctions {
  private readonly functions = new Map<string, LocalFunction>();
  private readonly serial = new KeyedSerializer();

  constructor(private readonly deps: LocalFunctionsDeps) {}

  /**
   * Restarts the persisted functions (after a provider restart). An entry that could never start
   * (it fails today's validation, or the watchdog would refuse it) is skipped: reported, kept in
   * the skipped file, dropped from the state file. One whose folder cannot be prepared is restored
   * anyway; its replicas fail and retry like any replica that cannot start.
   */
  async restore(): Promise<void> {
    const { state, logger, paths } = this.deps;
    const skipped: SkippedEntry[] = [];
    for (const entry of await state.load()) {
      let stored: StoredFunction;
      let environment: ReplicaEnvironment;
      try {
        stored = readStoredFunction(entry);
        environment = this.environment(stored.deployment, stored.namespace);
        if (this.functions.has(key(stored.deployment.service, stored.namespace)))
          throw new Error('listed twice');
      } catch (err) {
        skipped.push({ skippedAt: new Date().toISOString(), reason: (err as Error).message, entry });
        continue;
      }
      const name = stored.deployment.service;
      await this.prepare(stored).catch((err: unknown) =>
        logger.error(`function ${name}: cannot prepare its folder, its replicas will retry`, {
          function: name,
          error: (err as Error).message,
        }),
      );
      const fn = new LocalFunction(stored, environment, this.factory());
      this.functions.set(key(name, stored.namespace), fn);
      fn.reconcile();
    }
    if (skipped.length > 0) {
      const keptIn = await state.setAside(skipped);
      await this.save();
      for (const { entry, reason } of skipped) {
        logger.error(
          `${paths.stateFile}: function ${entryName(entry)} cannot be restored and was not started: ${reason}. Its entry is kept in ${keptIn}`,
        );
      }
    }
    if (this.functions.size > 0) logger.info('restored functions', { count: this.functions.size });
  }

  deploy(deployment: FunctionDeployment, namespace: string): Promise<void> {
    const name = deployment.service;
    return this.serial.run(key(name, namespace), async () => {
      const environment = this.environment(deployment, namespace);
      await checkSourceDir(deployment);
      if (this.functions.has(key(name, namespace))) {
        throw new FaasError(
          'CONFLICT',
          `Function ${name} already exists in ${namespace}; use PUT to update it.`,
        );
      }
      const { value: scaling, warnings } = readScalingLabels(deployment.labels);
      warnings.forEach((w) => this.deps.logger.warn(w, { function: name }));
      const stored: StoredFunction = {
        deployment,
        namespace,
        replicas: scaling.min,
        createdAt: new Date().toISOString(),
      };
      const fn = new LocalFunction(stored, environment, this.factory());
      this.functions.set(key(name, namespace), fn);
      try {
        await this.prepare(stored);
        await this.save();
      } catch (err) {
        this.functions.delete(key(name, namespace));
        await rm(this.deps.paths.functionDir(name, namespace), { recursive: true, force: true });
        throw err;
      }
      fn.reconcile();
    });
  }

  update(deployment: FunctionDeployment, namespace: string): Promise<void> {
    return this.serial.run(key(deployment.service, namespace), async () => {
      const fn = this.find(deployment.service, namespace);
      const environment = this.environment(deployment, namespace);
      await checkSourceDir(deployment);
      const stored: StoredFunction = { ...fn.stored, deployment };
      await this.prepare(stored);
      fn.roll(stored, environment);
      await this.save();
    });
  }

  /** Answers once the state is saved; replicas stop and the folder goes in the background. */
  remove(name: string, namespace: string): Promise<void> {
    return this.serial.run(key(name, namespace), async (hold) => {
      const fn = this.find(name, namespace);
      this.functions.delete(key(name, namespace));
      await this.save();
      this.deps.logs.drop(name, namespace);
      const dir = this.deps.paths.functionDir(name, namespace);
      hold(
        fn
          .stopAll()
          .then(() => rm(dir, { recursive: true, force: true }))
          .catch((err: unknown) =>
            this.deps.logger.error("could not remove a deleted function's folder", {
              function: name,
              folder: dir,
              error: (err as Error).message,
            }),
          ),
      );
    });
  }

  scale(name: string, namespace: string, replicas: number): Promise<void> {
    return this.serial.run(key(name, namespace), async () => {
      const fn = this.find(name, namespace);
      fn.stored = { ...fn.stored, replicas };
      fn.reconcile();
      await this.save();
    });
  }

  async list(namespace: string): Promise<FunctionStatus[]> {
    return [...this.functions.values()]
      .filter((fn) => fn.stored.namespace === namespace)
      .map((fn) => functionStatus(fn.stored, fn.live()));
  }

  async get(
    name: string,
    namespace: string,
    options?: { usage?: boolean },
  ): Promise<FunctionStatus | undefined> {
    const fn = this.functions.get(key(name, namespace));
    if (!fn) return undefined;
    const usage = options?.usage ? await processUsage(fn.pids()) : undefined;
    return functionStatus(fn.stored, { ...fn.live(), usage });
  }

  async resolve(name: string, namespace: string): Promise<string[]> {
    return this.find(name, namespace).readyUrls();
  }

  /** Re-mounts a secret that changed or went into every function of its namespace that uses it. */
  async secretChanged(secret: string, namespace: string): Promise<void> {
    for (const fn of [...this.functions.values()]) {
      const { service: name, secrets } = fn.stored.deployment;
      if (fn.stored.namespace !== namespace || !secrets?.includes(secret)) continue;
      await this.serial.run(key(name, namespace), async () => {
        // It may have been removed or redeployed while waiting for its turn.
        const current = this.functions.get(key(name, namespace));
        if (current) await this.prepare(current.stored);
      });
    }
  }

  /** Stops every replica (state stays on disk, so the next start restores them). */
  async close(): Promise<void> {
    // Changes in flight first: a deploy that finishes after its function was stopped would start
    // replicas nobody stops (the server is closed already, so no new change arrives).
    await this.serial.idle();
    await Promise.all([...this.functions.values()].map((fn) => fn.stopAll()));
  }

  private find(name: string, namespace: string): LocalFunction {
    const fn = this.functions.get(key(name, namespace));
    if (!fn)
      throw new FaasError('FUNCTION_NOT_FOUND', `No such function: ${name} in namespace ${namespace}.`);
    return fn;
  }

  private environment(deployment: FunctionDeployment, namespace: string): ReplicaEnvironment {
    const secretsDir = this.deps.paths.functionSecretsDir(deployment.service, namespace);
    return replicaEnvironment(deployment, secretsDir, this.deps.parentEnv);
  }

  /** Opens the function's log, creates its directory and mounts its secrets. */
  private async prepare(stored: StoredFunction): Promise<void> {
    const { service: name, secrets = [] } = stored.deployment;
    const { paths } = this.deps;
    // First, so what goes wrong below still reaches the function's log.
    this.deps.logs.open(name, stored.namespace);
    await mkdir(paths.functionDir(name, stored.namespace), { recursive: true, mode: 0o700 });
    await mkdir(paths.runDir, { recursive: true, mode: 0o700 });
    const missing = await this.deps.secrets.mount(
      secrets,
      stored.namespace,
      paths.functionSecretsDir(name, stored.namespace),
    );
    for (const secret of missing) {
      this.deps.logs.append(
        name,
        stored.namespace,
        name,
        `faas-local: secret ${secret} does not exist any more`,
      );
    }
  }

  private factory() {
    return (stored: StoredFunction, environment: ReplicaEnvironment): Replica => {
      const { service: name } = stored.deployment;
      const instance = `${name}-${randomBytes(3).toString('hex')}`;
      // A source deploy runs in its folder, one upstream port per replica (cli/README.md).
      const source = sourceDir(stored.deployment);
      return new Replica(
        {
          instance,
          command: this.deps.watchdog.command,
          args: this.deps.watchdog.args,
          env: environment.env,
          cwd: source ?? this.deps.paths.functionDir(name, stored.namespace),
          cwdOrigin: source !== undefined ? SOURCE_ANNOTATION : undefined,
          upstreamUrl: source !== undefined ? perReplicaUpstream(environment.env) : undefined,
          runDir: this.deps.paths.runDir,
          stopGraceMs: environment.stopGraceMs,
        },
        {
          output: (from, line) => this.deps.logs.append(name, stored.namespace, from, line),
          backoffMaxMs: this.deps.backoffMaxMs,
        },
      );
    };
  }

  private save(): Promise<void> {
    return this.deps.state.save([...this.functions.values()].map((fn) => fn.stored));
  }
}
