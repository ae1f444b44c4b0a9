import { useEffect, useState } from 'react';
import type { RunStatus, RunTotals } from '../../../shared/protocol/telemetry.js';
import { ApiRequestError, fetchRun } from '../api/api-client.js';
import { isRunActive } from '../lib/run-gate.js';
import { type OwnedRun, ownedRuns } from '../lib/run-tokens.js';

/** What the server says about one of this browser's runs; `gone` when it no longer knows it. */
export interface OwnedRunView extends OwnedRun {
  status: RunStatus | 'gone' | 'loading';
  totals: RunTotals | null;
  keepRunning?: boolean;
}

const REFRESH_MS = 1_500;

/**
 * This browser's runs with their status and totals, refreshed while the panel is open. A finished
 * run is asked once; only live ones are polled again (at most MAX_OWNED_RUNS requests a round).
 */
export function useOwnedRuns(): OwnedRunView[] {
  const [runs, setRuns] = useState<OwnedRunView[]>(() =>
    ownedRuns.list().map((r) => ({ ...r, status: 'loading', totals: null })),
  );

  useEffect(() => {
    let cancelled = false;
    const known = new Map<string, OwnedRunView>();
    let asking = false;
    const ask = async () => {
      // A slow server gets one round at a time, not a pile of them.
      if (asking) return;
      asking = true;
      const stored = ownedRuns.list();
      const views = await Promise.all(
        stored.map(async (r): Promise<OwnedRunView> => {
          const before = known.get(r.runId);
          if (before && (before.status === 'gone' || !isRunActive(before.status as RunStatus))) return before;
          try {
            const info = await fetchRun(r.runId, r.runToken);
            return {
              ...r,
              status: info.status,
              totals: info.totals,
              keepRunning: info.keepRunning ?? r.keepRunning,
            };
          } catch (err) {
            // 404: the server forgot it (restart, or long finished); 401/403: not ours after all.
            if (err instanceof ApiRequestError && err.status !== 0)
              return { ...r, status: 'gone', totals: null };
            return before ?? { ...r, status: 'loading', totals: null };
          }
        }),
      );
      asking = false;
      if (cancelled) return;
      for (const v of views) known.set(v.runId, v);
      setRuns(views);
    };
    void ask();
    const timer = setInterval(() => void ask(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return runs;
}
