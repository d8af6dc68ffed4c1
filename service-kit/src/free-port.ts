// Ports for a process that is to listen later (a replica's watchdog, a test's server). A port the
// kernel picks for `listen(0)` comes from the ephemeral range, the same range it takes the local
// port of every outgoing connection from: between "free" and the later bind, any connect() on the
// machine may take it, and a busy machine makes that likely (a call then reached someone else's
// server). So these are drawn at random from below that range, where the kernel never picks, and
// below Kubernetes' NodePort range (30000-32767), whose ports iptables may send to a pod.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';

/** The lowest port drawn; ports below it are left to services people run by hand. */
const LOWEST = 10_000;
/** The first port of Kubernetes' default NodePort range. */
const NODE_PORTS = 30_000;
/** Linux's default ephemeral range starts here; other systems start higher (49152). */
const DEFAULT_EPHEMERAL_LOW = 32_768;
const ATTEMPTS = 100;

/** The first port of the kernel's ephemeral range (Linux: net.ipv4.ip_local_port_range). */
export function ephemeralLow(rangeFile = '/proc/sys/net/ipv4/ip_local_port_range'): number {
  try {
    const low = Number(readFileSync(rangeFile, 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST ? low : DEFAULT_EPHEMERAL_LOW;
  } catch {
    return DEFAULT_EPHEMERAL_LOW;
  }
}

function listenOn(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EADDRINUSE' || err.code === 'EACCES' ? resolve(undefined) : reject(err),
    );
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

/**
 * `count` distinct ports nobody listens on right now, from 10000 up to below the ephemeral and
 * NodePort ranges (all held open together, so no two are the same). Another process could still
 * bind one before the caller does; a replica then exits and is restarted on fresh ports.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const high = Math.min(ephemeralLow(), NODE_PORTS) - 1;
  const servers: Server[] = [];
  try {
    for (let attempt = 0; servers.length < count; attempt++) {
      if (attempt >= ATTEMPTS * count) throw new Error(`no free port on ${host} in ${LOWEST}-${high}`);
      const port = LOWEST + Math.floor(Math.random() * (high - LOWEST + 1));
      const server = await listenOn(port, host);
      if (server) servers.push(server);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

/** One port nobody listens on right now (see freePorts). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  return port as number;
}
