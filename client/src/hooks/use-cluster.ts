import { useEffect, useState } from 'react';
import type { ClusterResponse } from '../../../shared/protocol/api.js';
import { fetchCluster } from '../api/api-client.js';

/** How often an open Cluster panel asks again: heartbeats come every second, ages need no finer. */
export const CLUSTER_REFRESH_MS = 2_000;

export type ClusterView =
  | { state: 'loading' }
  | { state: 'ready'; cluster: ClusterResponse; at: number }
  | { state: 'error'; message: string; cluster?: ClusterResponse };

/**
 * `GET /api/cluster`, polled while the caller is mounted (the panel is open) and not at all
 * otherwise. One request at a time: a slow server is not sent a pile of them. A failed poll
 * keeps the last answer on screen beside the error.
 */
export function useCluster(refreshMs = CLUSTER_REFRESH_MS): ClusterView {
  const [view, setView] = useState<ClusterView>({ state: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let asking = false;
    let last: ClusterResponse | undefined;
    const ask = async () => {
      if (asking) return;
      asking = true;
      try {
        const cluster = await fetchCluster();
        last = cluster;
        if (!cancelled) setView({ state: 'ready', cluster, at: Date.now() });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (!cancelled) setView({ state: 'error', message, ...(last ? { cluster: last } : {}) });
      } finally {
        asking = false;
      }
    };
    void ask();
    const timer = setInterval(() => void ask(), refreshMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [refreshMs]);
  return view;
}
