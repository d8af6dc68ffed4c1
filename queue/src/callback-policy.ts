// Where `X-Callback-Url` may point. Any caller of /async-function/ chooses it, and the worker then
// POSTs a body and content type of the caller's choosing there: without a policy that is a way
// into the platform's own loopback services and the cloud's metadata endpoint (SSRF).
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Addresses a callback never reaches unless the operator lists them: named for the refusal. */
const PROTECTED: { kind: string; net: string; prefix: number; family: 'ipv4' | 'ipv6' }[] = [
  { kind: 'loopback', net: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { kind: 'loopback', net: '::1', prefix: 128, family: 'ipv6' },
  // 0.0.0.0 and :: reach this host on Linux.
  { kind: 'unspecified', net: '0.0.0.0', prefix: 8, family: 'ipv4' },
  { kind: 'unspecified', net: '::', prefix: 128, family: 'ipv6' },
  // Cloud metadata (169.254.169.254: AWS, GCP, Azure, …) lives in IPv4 link-local.
  { kind: 'link-local', net: '169.254.0.0', prefix: 16, family: 'ipv4' },
  { kind: 'link-local', net: 'fe80::', prefix: 10, family: 'ipv6' },
  { kind: 'cloud metadata', net: '100.100.100.200', prefix: 32, family: 'ipv4' },
  { kind: 'cloud metadata', net: 'fd00:ec2::254', prefix: 128, family: 'ipv6' },
  // Deprecated IPv4-compatible IPv6 (::127.0.0.1) would slip past the IPv4 ranges.
  { kind: 'IPv4-compatible', net: '::', prefix: 96, family: 'ipv6' },
];

/** Host names that are loopback by definition (RFC 6761), refused before any lookup. */
const LOOPBACK_NAME = /^(?:localhost|[^.]+(?:\.[^.]+)*\.localhost)\.?$/i;
const HOST_NAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/i;

/** Resolves a host name to every address it has. */
export type Resolve = (
  host: string,
  done: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** The error code of a refused callback address: the worker does not retry it. */
export const CALLBACK_REFUSED = 'ECALLBACKREFUSED';

function family(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/**
 * The operator's `callback_allowed_hosts`: host names (`receiver.internal`, `*.example.com`), IP
 * addresses and CIDRs, and `*` for any address outside the protected ranges (the default). A
 * loopback, link-local, metadata or unspecified address is reached only when an entry other than
 * `*` names it: its host name, its address, or a CIDR holding it.
 */
export class CallbackPolicy {
  private readonly anyPublic: boolean;
  private readonly names = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly allowed = new BlockList();
  private readonly protectedRanges = PROTECTED.map((range) => {
    const list = new BlockList();
    list.addSubnet(range.net, range.prefix, range.family);
    return { kind: range.kind, list };
  });

  /** Parses the setting; throws with the fix for an entry that is none of the above. */
  constructor(
    readonly setting: string,
    /** Resolves host names (tests pass their own). */
    private readonly resolve: Resolve = (host, done) =>
      dnsLookup(host, { all: true }, (err, addresses) => done(err, addresses)),
  ) {
    const entries = setting
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== '');
    this.anyPublic = entries.includes('*');
    for (const entry of entries) {
      if (entry === '*') continue;
      const [net = '', bits] = entry.split('/');
      if (isIP(net)) {
        const max = family(net) === 'ipv6' ? 128 : 32;
        const prefix = bits === undefined ? max : Number(bits);
        if (!/^\d+$/.test(bits ?? String(max)) || prefix > max) throw badEntry(entry);
        this.allowed.addSubnet(net, prefix, family(net));
      } else if (bits === undefined && HOST_NAME.test(entry)) {
        const name = entry.toLowerCase();
        if (name.startsWith('*.')) this.suffixes.push(name.slice(1));
        else this.names.add(name);
      } else throw badEntry(entry);
    }
  }

  /**
   * Why a callback to this host (as the URL writes it) is refused before any lookup, or
   * undefined: IP literals are judged here, loopback names too; other names at resolution.
   */
  refuseHost(host: string): string | undefined {
    const hostname = host.replace(/^\[|\]$/g, '').toLowerCase();
    if (isIP(hostname)) return this.refuseAddress(hostname, hostname);
    if (this.listsName(hostname)) return undefined;
    if (LOOPBACK_NAME.test(hostname)) {
      const loopback = ['127.0.0.1', '::1'].every((a) => this.refuseAddress(hostname, a) !== undefined);
      if (loopback) return this.refusal(hostname, 'loopback');
    }
    return undefined;
  }

  /** Why a callback to `host`, resolved to `address`, is refused; undefined when it may go. */
  refuseAddress(host: string, address: string): string | undefined {
    if (this.listsName(host.replace(/^\[|\]$/g, '').toLowerCase())) return undefined;
    if (this.allowed.check(address, family(address))) return undefined;
    const kind = this.protectedRanges.find((r) => r.list.check(address, family(address)))?.kind;
    if (kind) return this.refusal(host === address ? address : `${host} (${address})`, kind);
    if (this.anyPublic) return undefined;
    return `callbacks may not go to ${host === address ? address : `${host} (${address})`}: it is not in callback_allowed_hosts (${this.setting}).`;
  }

  /**
   * A `lookup` for `http.request`: resolves the name and keeps the addresses the policy allows,
   * so the connection goes to an address that was checked (no second, rebinding lookup). Fails
   * with code ECALLBACKREFUSED when none is left.
   */
  readonly lookup = (
    hostname: string,
    options: object,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const all = (options as { all?: boolean }).all === true;
    this.resolve(hostname, (err, addresses) => {
      if (err) return callback(err, all ? [] : '');
      const usable = addresses.filter((a) => this.refuseAddress(hostname, a.address) === undefined);
      if (usable.length === 0) {
        const reason =
          addresses.map((a) => this.refuseAddress(hostname, a.address)).find(Boolean) ??
          `callbacks may not go to ${hostname}.`;
        return callback(Object.assign(new Error(reason), { code: CALLBACK_REFUSED }), all ? [] : '');
      }
      if (all) return callback(null, usable);
      const first = usable[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };

  private listsName(hostname: string): boolean {
    return this.names.has(hostname) || this.suffixes.some((s) => hostname.endsWith(s));
  }

  private refusal(target: string, kind: string): string {
    return `callbacks may not go to ${target}: it is a ${kind} address; an operator can allow it in callback_allowed_hosts.`;
  }
}

function badEntry(entry: string): Error {
  return new Error(
    `"${entry}" is not a host name, IP address or CIDR, use e.g. *,receiver.internal,10.0.0.0/8`,
  );
}

/** Parses `callback_allowed_hosts` for a config table. */
export function parseCallbackPolicy(raw: string): CallbackPolicy {
  return new CallbackPolicy(raw);
}
