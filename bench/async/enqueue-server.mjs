/* global fetch */
// The process wrk drives in the enqueue measurements (see run.mjs):
//   STACK=routes   the async route module alone on Express, the function lookup answered in memory
//   STACK=gateway  the real gateway + local provider with the async routes mounted (lookup = provider call)
// BACKEND=embedded|nats, NATS_URL, DATA_DIR, PORT. Prints "ready <url>" on stdout.
import { createServer } from 'node:http';
import express from 'express';
import { Registry } from 'prom-client';
import { FaasError } from '@faas/contracts';
import { openQueueBackend, queueSettings } from '@faas/queue';
import { createAsyncRoutes } from '@faas/queue/http';
import { loadConfig, createLogger } from '@faas/service-kit';

const logger = createLogger({ name: 'bench-async', level: 'warn' });
const queueConfig = loadConfig(queueSettings, {
  queue_backend: process.env.BACKEND,
  queue_data_dir: process.env.DATA_DIR,
  faas_nats_address: process.env.NATS_URL,
});
const backend = await openQueueBackend(queueConfig, logger, 'bench-enqueue');
const registry = new Registry();
const base = { backend, defaultNamespace: 'openfaas-fn', maxBodyBytes: 1024 * 1024, logger, registry };

let handler;
const closers = [];
if (process.env.STACK === 'gateway') {
  const { createLocalProvider, loadLocalProviderConfig } = await import('@faas/provider-local');
  const { Gateway, buildContainer, gatewayVersion, loadGatewayConfig } = await import('@faas/gateway');
  const provider = await createLocalProvider(
    loadLocalProviderConfig({
      port: '0',
      data_dir: `${process.env.DATA_DIR}-local`,
      basic_auth: 'false',
      log_level: 'warn',
    }),
    { logger },
  );
  const providerServer = createServer(provider.app).listen(0, '127.0.0.1');
  await new Promise((r) => providerServer.once('listening', r));
  const providerUrl = `http://127.0.0.1:${providerServer.address().port}`;
  const config = loadGatewayConfig({
    functions_provider_url: providerUrl,
    basic_auth: 'false',
    log_level: 'warn',
  });
  const routes = createAsyncRoutes({
    ...base,
    findFunction: async (name, namespace) => {
      const res = await fetch(`${providerUrl}/system/function/${name}?namespace=${namespace}`);
      if (res.status === 404) return undefined;
      if (!res.ok) throw new FaasError('UNAVAILABLE');
      return res.json();
    },
  });
  const gateway = buildContainer({
    config,
    logger,
    credentials: null,
    version: gatewayVersion({}),
    extraModules: [routes],
  }).get(Gateway);
  handler = gateway.app.handler;
  closers.push(async () => {
    gateway.stop();
    providerServer.close();
    await provider.close();
  });
} else {
  const app = express();
  createAsyncRoutes({ ...base, findFunction: async () => ({}) }).register(app);
  app.get('/depth', async (_req, res) => res.json(await backend.queue('faas-request').depth()));
  app.use((err, _req, res, _next) => res.status(err.status ?? 500).end(String(err.message)));
  handler = app;
}

const server = createServer(handler);
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`ready http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', async () => {
  server.close();
  server.closeAllConnections();
  for (const close of closers) await close();
  await backend.close();
  process.exit(0);
});
