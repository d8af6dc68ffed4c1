// What `npm start` prints once everything runs: where the gateway is, who may reach it, how to
// log in — never the password itself.
import { relative } from 'node:path';
import type { Platform } from './platform.js';

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** Who can reach the gateway, from the address it listens on. */
function listens(platform: Platform): string {
  const { bindAddress } = platform;
  const port = new URL(platform.gatewayUrl).port;
  if (bindAddress === '127.0.0.1' || bindAddress === '::1' || bindAddress === 'localhost')
    return `${bindAddress} only: this machine (bind_address=0.0.0.0 for other machines; docs/security.md)`;
  if (bindAddress === '') return `every interface, port ${port}: other machines can reach it (bind_address)`;
  if (bindAddress === '0.0.0.0')
    return `every IPv4 interface (bind_address=0.0.0.0), port ${port}: other machines can reach it`;
  if (bindAddress === '::')
    return `every interface (bind_address=::), port ${port}: other machines can reach it`;
  return `${bindAddress} only (bind_address)`;
}

/** The banner's lines. */
export function banner(platform: Platform): string {
  const { gatewayUrl, credentials } = platform;
  return [
    '',
    `faas is running: gateway ${gatewayUrl} (local provider on ${platform.providerUrl})`,
    `  listens:  ${listens(platform)}`,
    credentials
      ? `  user:     ${credentials.user}\n  password: cat ${shown(credentials.passwordFile)}${credentials.generated ? '   (generated now)' : ''}`
      : '  basic auth is off (basic_auth=false)',
    `  try:      curl ${gatewayUrl}/healthz`,
    '  stop:     Ctrl-C (SIGINT) or SIGTERM',
    '',
  ].join('\n');
}
