import { HEARTBEAT_MS } from '../../shared/protocol/cluster.js';
import { type Cluster, connectCluster } from '../distributed/cluster.js';

/**
 * `--nats <url>`: the CLI is a run's coordinator like the server. It connects, then listens to
 * heartbeats for a little over one period so every runner alive has announced itself before
 * the parts are placed (placing on the first runner heard would pile everything on it).
 *
 * @example
 * const cluster = await clusterForCli('nats://127.0.0.1:4222');
 */
export async function clusterForCli(url: string, waitMs = HEARTBEAT_MS + 500): Promise<Cluster> {
  const cluster = await connectCluster(url, { name: 'sluice-cli', source: '--nats' });
  await new Promise((r) => setTimeout(r, waitMs));
  return cluster;
}
