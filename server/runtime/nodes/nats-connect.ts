import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { checkUrl, DEFAULT_EGRESS, egressPolicy } from '../egress-policy.js';

/** How a node opens its NATS connection: injectable so tests can watch the real one close. */
export type NatsConnector = (
  url: string,
  allow: readonly string[] | undefined,
  name: string,
) => Promise<NatsConnection>;

const CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_PORT = 4222;

/**
 * Connects to a `nats-in`/`nats-out` URL under the egress policy (SLUICE_NATS_ALLOW, the same
 * rules as SLUICE_HTTP_POST_ALLOW). A host name that is not listed is resolved here and the
 * connection goes to an allowed address of the answer, never to the name: a second lookup (DNS
 * rebinding) cannot send it elsewhere. The client never reconnects and ignores the servers a
 * cluster advertises, so it cannot be led to an address nobody checked; a lost connection fails
 * the node instead.
 *
 * @example const nc = await connectNats('nats://127.0.0.1:4222', ['loopback'], 'sluice run r1 node in');
 */
export const connectNats: NatsConnector = async (url, allow, name) => {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = u.port === '' ? DEFAULT_PORT : Number(u.port);
  const policy = egressPolicy(allow ?? DEFAULT_EGRESS);
  const decision = checkUrl(policy, u);
  if (decision === 'deny') throw new Error(`${host} is not allowed by SLUICE_NATS_ALLOW`);
  let address = host;
  if (decision === 'resolve') {
    const answers = await lookup(host, { all: true }).catch((err: Error) => {
      throw new Error(`cannot resolve ${host}: ${err.message}`);
    });
    const allowed = answers.find((a) => policy.addressAllowed(a.address));
    if (!allowed)
      throw new Error(
        `${host} resolves to ${answers[0]?.address ?? 'nothing'}, which SLUICE_NATS_ALLOW does not allow`,
      );
    address = allowed.address;
  }
  const server = isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
  try {
    return await connect({
      servers: server,
      name,
      reconnect: false,
      ignoreClusterUpdates: true,
      timeout: CONNECT_TIMEOUT_MS,
    });
  } catch (err) {
    throw new Error(
      `cannot connect to nats://${u.host}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
};

/**
 * The message a connection that closed by itself (server gone, stale, protocol error) leaves;
 * undefined when it was closed on purpose.
 */
export async function whyClosed(nc: NatsConnection, url: string): Promise<string | undefined> {
  const err = await nc.closed();
  if (err) return `lost the connection to ${url}: ${err.message}`;
  return undefined;
}
