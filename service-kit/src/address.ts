/** An IPv4 peer as a dual-stack socket reports it: `::ffff:127.0.0.1`. */
const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * A socket's peer address as people and proxies write it: an IPv4 peer of a dual-stack listener
 * comes as `::ffff:a.b.c.d`, which is sent on (`X-Forwarded-For`) and compared as `a.b.c.d`.
 */
export function plainAddress(address: string): string;
export function plainAddress(address: string | undefined): string | undefined;
export function plainAddress(address: string | undefined): string | undefined {
  return address?.replace(IPV4_MAPPED, '$1');
}
