// The fwatchdog process: reads the configuration from the environment, listens, writes the lock
// file, and turns SIGTERM into the graceful sequence. Everything else lives in createWatchdog.
import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { WatchdogConfig } from './config.js';
import { createWatchdog } from './create-watchdog.js';
import { ForkServerSpawner } from './fork-server-spawner.js';
import { NodeSpawner } from './function-process.js';
import type { Spawner } from './function-process.js';
import { batchedWriter, FunctionOutput, LineLogger } from './line-logger.js';
import { configOrExit, runUntilSignalled } from './lifecycle.js';

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    if (host) server.listen(port, host, () => resolve());
    else server.listen(port, () => resolve());
  });
}

/** The fork server when it is installed beside the watchdog (and wanted), else Node's spawn. */
async function chooseSpawner(config: WatchdogConfig, logger: LineLogger): Promise<Spawner> {
  if (!config.forkServer || config.mode === 'http' || config.mode === 'static') return new NodeSpawner();
  const candidates = [process.argv[1], process.execPath].map((p) =>
    join(dirname(p ?? ''), 'fwatchdog-spawn'),
  );
  const binary = candidates.find((p) => existsSync(p));
  if (binary === undefined) {
    logger.info(`No fwatchdog-spawn beside the watchdog; forking with Node's child_process.`);
    return new NodeSpawner();
  }
  try {
    const spawner = await ForkServerSpawner.start(binary, (err) => logger.error(err.message));
    logger.info(`Forking through the fork server ${binary}.`);
    return spawner;
  } catch (err) {
    logger.warn(
      `The fork server ${binary} did not start (${(err as Error).message}); forking with Node's child_process.`,
    );
    return new NodeSpawner();
  }
}

async function main(): Promise<void> {
  // Every replica pays for this process's memory. V8 lets its young generation grow to 16 MB per
  // semi-space under load (RSS ~95 MB measured in classic mode under wrk); kept at its initial
  // 1 MB it stays ~65 MB for a few percent more scavenges. The growth factor is the one heap
  // setting V8 still reads after startup (see watchdog/README.md, "Memory").
  setFlagsFromString('--semi-space-growth-factor=1');
  const write = batchedWriter((text) => process.stdout.write(text));
  const logger = new LineLogger(write);
  const config = configOrExit(process.env);
  const spawner = await chooseSpawner(config, logger);
  const watchdog = createWatchdog(config, {
    logger,
    output: new FunctionOutput((line) => write(`${line}\n`), config.prefixLogs),
    spawner,
    env: process.env as Record<string, string>,
    onFatal: (err) => {
      logger.error(err.message);
      watchdog.lock.remove();
      process.exit(1);
    },
  });
  await listen(watchdog.server, config.port, config.bindAddress);
  if (watchdog.metricsServer) await listen(watchdog.metricsServer, config.metricsPort, config.bindAddress);
  logger.info(`Watchdog mode: ${config.mode}, fprocess: ${config.fprocess}`);
  await runUntilSignalled(watchdog, config, logger);
}

main().catch((err: unknown) => {
  console.error(`fwatchdog: ${(err as Error).stack ?? String(err)}`);
  process.exit(1);
});
