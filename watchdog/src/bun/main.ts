// The fwatchdog process on Bun (dist/fwatchdog-bun.js, and the self-contained dist/fwatchdog):
// reads the configuration from the environment, listens, writes the lock file, and turns SIGTERM
// into the graceful sequence. Everything else lives in createBunWatchdog. The Node entry is
// ../main.ts; both read the same variables and answer the same way (test/executable/).
import { batchedWriter, FunctionOutput, LineLogger } from '../line-logger.js';
import { configOrExit, runUntilSignalled } from '../lifecycle.js';
import { createBunWatchdog } from './watchdog.js';

async function main(): Promise<void> {
  const stdout = Bun.stdout.writer();
  const write = batchedWriter((text) => {
    stdout.write(text);
    void stdout.flush();
  });
  const logger = new LineLogger(write);
  const config = configOrExit(process.env);
  const watchdog = createBunWatchdog(config, {
    logger,
    output: new FunctionOutput((line) => write(`${line}\n`), config.prefixLogs),
    env: process.env as Record<string, string>,
    onFatal: (err) => {
      logger.error(err.message);
      void watchdog.lock.remove().finally(() => {
        void stdout.flush();
        process.exit(1);
      });
    },
  });
  logger.info(`Watchdog mode: ${config.mode}, fprocess: ${config.fprocess} (Bun ${Bun.version})`);
  if (process.pid === 1) {
    logger.warn(
      'Running as PID 1: processes a function leaves behind will not be reaped. Run the container with an init (docker run --init; the platform sets Swarm Init and Kubernetes shareProcessNamespace).',
    );
  }
  await runUntilSignalled(watchdog, config, logger);
}

main().catch((err: unknown) => {
  console.error(`fwatchdog: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
