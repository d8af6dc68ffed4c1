/** Host names of the loopback interface as they appear in a URL. */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** scheme://, host (a bracketed IPv6 address or a name), optional :port, the rest verbatim. */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:\/\/)(\[[^\]]*\]|[^/?#:@]*)(:\d*)?([/?#].*)?$/i;

/**
 * The `upstream_url` a source deploy's replicas each get their own port of: `mode=http` with an
 * upstream on the loopback interface (cli/README.md). Undefined when the replicas share the URL as
 * deployed (any other mode, a remote upstream, a URL with credentials).
 */
export function perReplicaUpstream(env: Record<string, string>): string | undefined {
  const url = env.upstream_url;
  if (env.mode !== 'http' || !url) return undefined;
  const parts = URL_PARTS.exec(url.trim());
  return parts && LOOPBACK_HOST.test(parts[2] as string) ? url.trim() : undefined;
}

/**
 * `url` with its port replaced (or added), keeping scheme, host, path, query and fragment as
 * written: `http://127.0.0.1:3000/api` with 41234 gives `http://127.0.0.1:41234/api`.
 */
export function withPort(url: string, port: number): string {
  const parts = URL_PARTS.exec(url);
  if (!parts) throw new Error(`not a URL with a host: ${url}`);
  const [, scheme, host, , rest = ''] = parts;
  return `${scheme}${host}:${port}${rest}`;
}
