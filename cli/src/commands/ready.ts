import { parseDurationMs } from '@faas/contracts';
import type { Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import type { GatewayClient } from '../gateway-client.js';
import { connectGateway } from '../gateway-target.js';
import { gatewayOptionsWith, integerValue, namespaceOption, stringValue } from '../options.js';
import { Printer } from '../printer.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Asks `check` up to `attempts` times, `intervalMs` apart; returns the last reason on failure. */
export async function poll(
  attempts: number,
  intervalMs: number,
  check: () => Promise<string | true>,
): Promise<string | true> {
  let last: string | true = 'not checked';
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(intervalMs);
    last = await check().catch((err: Error) => err.message);
    if (last === true) return true;
  }
  return last;
}

/** `true` when a function has a ready replica, else why not. */
export async function functionReady(
  gateway: GatewayClient,
  name: string,
  namespace?: string,
): Promise<string | true> {
  const status = await gateway.getFunction(name, namespace);
  if (status.availableReplicas > 0) return true;
  const why = status.notReadyReason ? ` (${status.notReadyReason})` : '';
  return `${name}: ${status.availableReplicas}/${status.replicas} replicas ready${why}`;
}

/** `faas ready [NAME]`: waits for the gateway, and a function when named, to be ready. */
export const readyCommand: Command = {
  name: 'ready',
  summary: 'wait until the gateway (and a function, when named) is ready',
  usage: 'faas ready [NAME] [--attempts N] [--interval 1s] [-n NS]',
  options: {
    ...gatewayOptionsWith(namespaceOption),
    attempts: { type: 'string', valueName: 'N', description: 'how many checks (default 60)' },
    interval: { type: 'string', valueName: 'DURATION', description: 'time between checks (default 1s)' },
  },
  async run({ io, values, positionals }) {
    const attempts = integerValue(values, 'attempts', 60, 1);
    const rawInterval = stringValue(values, 'interval') ?? '1s';
    const intervalMs = parseDurationMs(rawInterval);
    if (intervalMs === undefined)
      throw new UsageError(`--interval takes a duration like 500ms or 2s, got "${rawInterval}"`);
    const gateway = await connectGateway(io, values);
    const out = new Printer(io);
    const health = await poll(attempts, intervalMs, async () => {
      const status = await gateway.health();
      return status === 200 ? true : `/healthz answered ${status}`;
    });
    if (health !== true)
      throw new CliError(`gateway ${gateway.url} not ready after ${attempts} attempts: ${health}`);
    out.line(`Gateway ${gateway.url} is ready.`);
    const name = positionals[0];
    if (!name) return;
    const namespace = stringValue(values, 'namespace');
    const fn = await poll(attempts, intervalMs, () => functionReady(gateway, name, namespace));
    if (fn !== true) throw new CliError(`function ${name} not ready after ${attempts} attempts: ${fn}`);
    out.line(`Function ${name} is ready.`);
  },
};
