import { Router } from 'express';
import type { ClusterResponse } from '../../shared/protocol/api.js';
import type { Cluster } from '../distributed/cluster.js';

/** `GET /api/cluster`: the runners heard from (distributed mode), or embedded and none. */
export function clusterRoutes(
  cluster: Cluster | undefined,
  instances?: () => Pick<ClusterResponse, 'instance' | 'instances'> | undefined,
): Router {
  const r = Router();
  r.get('/cluster', (_req, res) => {
    const body: ClusterResponse = cluster
      ? { mode: 'nats', runners: cluster.registry.alive(), ...instances?.() }
      : { mode: 'embedded', runners: [] };
    res.json(body);
  });
  return r;
}
