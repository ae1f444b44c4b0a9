import { BlockList, isIP } from 'node:net';

/** Where `http-post` may connect unless SLUICE_HTTP_POST_ALLOW says otherwise: this machine only. */
export const DEFAULT_EGRESS: readonly string[] = ['loopback'];

/**
 * Which hosts an `http-post` node may reach. Graphs are shared, so a webhook URL is untrusted: by
 * default only loopback addresses are allowed, so a graph cannot make the server reach into its
 * network (cloud metadata at 169.254.169.254, internal services). The operator widens (or narrows)
 * this with SLUICE_HTTP_POST_ALLOW, a comma-separated list of:
 *
 * - `loopback` — 127.0.0.0/8 and ::1 (the default list is just this);
 * - an address or CIDR range — `10.0.0.5`, `192.168.0.0/16`, `fd00::/8`;
 * - a host name — `hooks.example.org`, or `*.example.org` for its subdomains; a listed name is
 *   trusted whatever it resolves to;
 * - `*` — anything (only for a server whose graphs all come from trusted people).
 *
 * Names that are not listed are resolved and *every connection* is checked against the addresses
 * (in the socket's DNS lookup, not before it), so DNS rebinding cannot slip past a check.
 */
export interface EgressPolicy {
  /** The host is allowed whatever it resolves to (`*` or a listed name). */
  hostAllowed(hostname: string): boolean;
  /** An address (resolved or literal) may be connected to. */
  addressAllowed(address: string): boolean;
}

export class EgressConfigError extends Error {}

const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * Builds the policy from its list; throws EgressConfigError naming a bad entry.
 *
 * @example egressPolicy(['loopback', '10.0.0.0/8']).addressAllowed('10.1.2.3') // true
 */
export function egressPolicy(entries: readonly string[]): EgressPolicy {
  const blocks = new BlockList(); // used as an allow-list: check() is true for listed ranges
  const names = new Set<string>();
  const suffixes: string[] = [];
  let any = false;
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') any = true;
    else if (entry === 'loopback') {
      blocks.addSubnet('127.0.0.0', 8, 'ipv4');
      blocks.addAddress('::1', 'ipv6');
    } else if (entry.includes('/')) {
      const [address = '', bits = ''] = entry.split('/');
      const family = isIP(address);
      const prefix = Number(bits);
      const max = family === 4 ? 32 : 128;
      if (family === 0 || !/^\d+$/.test(bits) || prefix > max)
        throw new EgressConfigError(`"${raw}" is not a CIDR range like 10.0.0.0/8`);
      blocks.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (isIP(entry) !== 0) {
      blocks.addAddress(entry, isIP(entry) === 4 ? 'ipv4' : 'ipv6');
    } else if (HOST_PATTERN.test(entry)) {
      if (entry.startsWith('*.')) suffixes.push(entry.slice(1));
      else names.add(entry);
    } else {
      throw new EgressConfigError(`"${raw}" is not loopback, *, an address, a CIDR range or a host name`);
    }
  }
  return {
    hostAllowed(hostname) {
      if (any) return true;
      const h = hostname.toLowerCase().replace(/\.$/, '');
      return names.has(h) || suffixes.some((s) => h.endsWith(s));
    },
    addressAllowed(address) {
      if (any) return true;
      const a = unmapIpv4(address);
      const family = isIP(a);
      if (family === 0) return false;
      return blocks.check(a, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * What can be decided about a URL before connecting: a literal address or a listed name is
 * decided now; any other name is checked on each DNS answer (`resolve`).
 */
export function checkUrl(policy: EgressPolicy, url: URL): 'allow' | 'deny' | 'resolve' {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (policy.hostAllowed(host)) return 'allow';
  if (isIP(host) !== 0) return policy.addressAllowed(host) ? 'allow' : 'deny';
  return 'resolve';
}

/** `::ffff:127.0.0.1` and `::ffff:7f00:1` are IPv4 addresses in IPv6 form: check them as IPv4. */
function unmapIpv4(address: string): string {
  const a = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const hi = Number.parseInt(hex[1]!, 16);
    const lo = Number.parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return a;
}
