import type { TestNats } from './nats-server.js';
import { until } from './until.js';

export interface OpenConnection {
  name?: string;
  subscriptions: number;
}

/** The server's open client connections (needs `startNats({ monitor: true })`). */
export async function openConnections(nats: TestNats): Promise<OpenConnection[]> {
  if (!nats.monitorUrl) throw new Error('start the server with startNats({ monitor: true })');
  const res = await fetch(`${nats.monitorUrl}/connz?limit=1024`);
  const body = (await res.json()) as { connections?: OpenConnection[] };
  return body.connections ?? [];
}

/** Open connections a run's node made (they are named `sluice <runId> <nodeId>`). */
export async function nodeConnections(
  nats: TestNats,
  runId: string,
  nodeId: string,
): Promise<OpenConnection[]> {
  return (await openConnections(nats)).filter((c) => c.name === `sluice ${runId} ${nodeId}`);
}

/**
 * Waits until a run's node has no connection open. The node closes it as the run ends, but the
 * server lists a closing connection in `/connz` until it has read the close (a moment later):
 * read once, a released connection could still show. Throws after `ms` (a leak).
 *
 * @example
 * await connectionsClosed(fx.nats, runId, 'pub');
 */
export async function connectionsClosed(
  nats: TestNats,
  runId: string,
  nodeId: string,
  ms = 5_000,
): Promise<void> {
  await until(
    () => nodeConnections(nats, runId, nodeId),
    (open) => open.length === 0,
    `node ${nodeId} of run ${runId} to close its NATS connection (a leak otherwise)`,
    ms,
  );
}
