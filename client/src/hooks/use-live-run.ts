import { useEffect, useState } from 'react';
import type { LiveRunResponse } from '../../../shared/protocol/api.js';
import { fetchLiveRun } from '../api/api-client.js';

const RECHECK_MS = 10_000;

/**
 * The live run a shared graph's owner published (`GET /api/graphs/:slug/live-run`), or null.
 * Asked again every few seconds while the page shows the graph: the owner may start one later.
 */
export function useLiveRun(slug: string | undefined, enabled: boolean): LiveRunResponse | null {
  const [live, setLive] = useState<LiveRunResponse | null>(null);
  useEffect(() => {
    setLive(null);
    if (!slug || !enabled) return;
    let cancelled = false;
    const ask = () =>
      fetchLiveRun(slug)
        .then((r) => !cancelled && setLive(r))
        .catch(() => !cancelled && setLive(null));
    void ask();
    const timer = setInterval(ask, RECHECK_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [slug, enabled]);
  return live;
}
