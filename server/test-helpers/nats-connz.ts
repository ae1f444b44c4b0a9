import type { TestNats } from './nats-server.js';

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
