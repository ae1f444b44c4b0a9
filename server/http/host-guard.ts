import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { RequestHandler } from 'express';
import { sendError } from './api-error.js';

/**
 * Which `Host` headers the server answers: the defence against DNS rebinding. A page on
 * evil.example whose name is re-pointed at this machine makes same-origin requests (its Origin
 * host equals the Host header, so the origin guard lets them through) — but its Host header still
 * names evil.example. Only names this server is really reached by are allowed:
 *
 * - `localhost`, `127.0.0.1`, `[::1]`, the configured HOST and the bound address, each on the port
 *   actually bound; when bound to every interface (`0.0.0.0`, `::`), this machine's addresses too;
 * - the hosts of SLUICE_ALLOWED_ORIGINS (e.g. a reverse proxy's public name), with their port;
 * - SLUICE_ALLOWED_HOSTS entries: `name` (any port), `name:port`, or `*` for any host.
 *
 * A request without a Host header (HTTP/1.0 tools) passes: every browser sends one.
 */
export interface HostPolicyOptions {
  /** The configured HOST (an address or a name). */
  host?: string | undefined;
  allowedOrigins: readonly string[];
  allowedHosts: readonly string[];
  /** The bound address and port, read per request (the server may have bound port 0). */
  bound: () => { address: string; port: number } | null;
}

/** A host name or bracketed IPv6 literal, then an optional port: nothing else may be in a Host header. */
const HOST_SYNTAX = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '[::]']);

interface HostPort {
  hostname: string;
  /** The port written, or null: the scheme's default (80, or 443 behind a TLS proxy). */
  port: number | null;
}

function parseHost(raw: string): HostPort | null {
  if (!HOST_SYNTAX.test(raw)) return null;
  try {
    // `:80` is dropped by URL (http's default): read the port from the text.
    const url = new URL(`http://${raw}`);
    const written = /:(\d+)$/.exec(raw);
    return { hostname: url.hostname, port: written ? Number(written[1]) : null };
  } catch {
    return null;
  }
}

/** An address as it appears in a Host header: IPv6 in brackets, lower case. */
function asHostname(address: string): string {
  const a = address.toLowerCase();
  return a.includes(':') && !a.startsWith('[') ? `[${a}]` : a;
}

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined)
    .map((i) => asHostname(i.address.split('%')[0]!));
}

/** Parses SLUICE_ALLOWED_HOSTS entries; throws on one that is not `*`, `name` or `name:port`. */
export function parseAllowedHosts(entries: readonly string[]): string[] {
  return entries.map((e) => {
    const entry = e.trim().toLowerCase();
    if (entry === '*') return entry;
    if (!parseHost(entry)) throw new Error(`"${e}" is not a host name like sluice.example.org or host:port`);
    return entry;
  });
}

/** The predicate both REST and socket.io's `allowRequest` use. */
export function hostPolicy(options: HostPolicyOptions): (req: IncomingMessage) => boolean {
  const anyHost = options.allowedHosts.includes('*');
  const listed = options.allowedHosts.flatMap((e) => {
    const hostPort = parseHost(e.toLowerCase());
    return hostPort ? [hostPort] : [];
  });
  // An origin on its scheme's default port is reached with no port in Host (through a proxy, too).
  const origins = options.allowedOrigins.flatMap((o) => {
    try {
      const url = new URL(o);
      const port = url.port === '' ? null : Number(url.port);
      return [{ hostname: url.hostname, port, defaultPort: url.protocol === 'https:' ? 443 : 80 }];
    } catch {
      return [];
    }
  });
  const configured = options.host ? asHostname(options.host) : undefined;

  return (req) => {
    if (anyHost) return true;
    const raw = req.headers.host;
    if (raw === undefined) return true;
    const h = parseHost(raw);
    if (!h) return false;
    if (listed.some((l) => l.hostname === h.hostname && (l.port === null || l.port === h.port))) return true;
    if (
      origins.some(
        (o) =>
          o.hostname === h.hostname && (o.port === h.port || (o.port === null && h.port === o.defaultPort)),
      )
    )
      return true;
    const bound = options.bound();
    if (!bound || (h.port ?? 80) !== bound.port) return false;
    const boundName = asHostname(bound.address);
    if (LOOPBACK_NAMES.includes(h.hostname) || h.hostname === configured || h.hostname === boundName)
      return true;
    // Bound to every interface: reachable at each of this machine's addresses (literals cannot rebind).
    return (
      (WILDCARDS.has(boundName) || (configured !== undefined && WILDCARDS.has(configured))) &&
      interfaceAddresses().includes(h.hostname)
    );
  };
}

/** Refuses requests for a host this server is not (403 `forbidden_host`), before anything else runs. */
export function hostGuard(allowed: (req: IncomingMessage) => boolean): RequestHandler {
  return (req, res, next) => {
    if (allowed(req)) return next();
    sendError(res, 403, {
      error: 'forbidden_host',
      message: `this server does not answer for host "${String(req.headers.host).slice(0, 100)}" (DNS rebinding protection; SLUICE_ALLOWED_HOSTS lists more)`,
    });
  };
}
