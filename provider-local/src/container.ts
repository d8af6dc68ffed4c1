// The local provider's composition root: every bind is here (docs/architecture.md, Composition).
// createLocalProvider settles the data directory first (lock, orphans, leftovers, credentials),
// then asks this container for the assembled provider once.
import { Container } from 'inversify';
import { createProviderApp } from '@faas/provider-http';
import type { Logger } from '@faas/service-kit';
import type { LocalProviderConfig } from './config.js';
import type { ResolvedCredentials } from './credentials.js';
import { DataPaths } from './data-paths.js';
import { LocalFunctions, LocalFunctionsDeps } from './local-functions.js';
import { LogBuffer } from './log-buffer.js';
import { LogFiles } from './log-files.js';
import { localProviderInfo, localRoles } from './roles.js';
import { SecretFiles } from './secret-files.js';
import { StateFile } from './state-file.js';
import * as tokens from './tokens.js';
import type { WatchdogCommand } from './watchdog-command.js';

/** What the container is built from: what createLocalProvider settled before. */
export interface ContainerInputs {
  config: LocalProviderConfig;
  logger: Logger;
  /** The locked data directory. */
  paths: DataPaths;
  watchdog: WatchdogCommand;
  credentials: ResolvedCredentials | undefined;
  /** The environment functions inherit a few variables from. */
  env: Record<string, string | undefined>;
}

/** The assembled provider's parts: its app, and the runtime createLocalProvider restores and closes. */
export interface LocalParts {
  app: tokens.ProviderApp;
  functions: LocalFunctions;
  logs: LogBuffer;
}
/** The injection token of {@link LocalParts}. */
export const LocalParts = Symbol('LocalParts');

/** Builds the container with every binding, all singletons. */
export function createContainer(inputs: ContainerInputs): Container {
  const { config, paths } = inputs;
  const c = new Container({ defaultScope: 'Singleton' });
  c.bind(tokens.LocalProviderConfig).toConstantValue(config);
  c.bind(tokens.Logger).toConstantValue(inputs.logger);
  c.bind(tokens.ParentEnv).toConstantValue(inputs.env);
  c.bind(tokens.WatchdogCommand).toConstantValue(inputs.watchdog);
  c.bind(tokens.Credentials).toConstantValue(inputs.credentials);
  c.bind(DataPaths).toConstantValue(paths);
  c.bind(SecretFiles).toSelf();
  c.bind(StateFile).toConstantValue(new StateFile(paths.stateFile, paths.skippedStateFile));
  c.bind(LogBuffer).toConstantValue(
    new LogBuffer(config.logBufferLines, new LogFiles(paths.logsDir, config.logBufferLines)),
  );
  c.bind(LocalFunctionsDeps).toResolvedValue(
    (secrets: SecretFiles, logs: LogBuffer, state: StateFile): LocalFunctionsDeps => ({
      paths,
      secrets,
      logs,
      state,
      logger: inputs.logger,
      watchdog: inputs.watchdog,
      parentEnv: inputs.env,
      backoffMaxMs: config.restartBackoffMax,
    }),
    [SecretFiles, LogBuffer, StateFile],
  );
  c.bind(LocalFunctions)
    .toSelf()
    .onActivation((ctx, functions) => {
      ctx.get(SecretFiles).onChange((name, namespace) => functions.secretChanged(name, namespace));
      return functions;
    });
  c.bind(tokens.ProviderApp).toResolvedValue(
    (functions: LocalFunctions, secrets: SecretFiles, logs: LogBuffer) =>
      createProviderApp(localRoles(localProviderInfo(config.gitSha, paths), functions, secrets, logs), {
        logger: inputs.logger,
        auth: inputs.credentials
          ? { user: inputs.credentials.user, password: inputs.credentials.password }
          : undefined,
        invokeTimeoutMs: config.invokeTimeout,
      }),
    [LocalFunctions, SecretFiles, LogBuffer],
  );
  c.bind(LocalParts).toResolvedValue(
    (app: tokens.ProviderApp, functions: LocalFunctions, logs: LogBuffer): LocalParts => ({
      app,
      functions,
      logs,
    }),
    [tokens.ProviderApp, LocalFunctions, LogBuffer],
  );
  return c;
}
