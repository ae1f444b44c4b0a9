import { create } from 'zustand';
import { ownedRuns } from '../lib/run-tokens.js';

/**
 * What this page may do with the run it shows: `owner` (holds the run token: controls) or
 * `watcher` (a watch link: reads only). `watchPage` is the `/watch/<runId>` view, whose canvas
 * is the run's graph, read-only, whatever the role.
 */
export type RunRole = 'owner' | 'watcher';

interface RunAccessState {
  runId: string | null;
  role: RunRole | null;
  /** Sent with every request about `runId`: the run token for owners, the watch token otherwise. */
  token: string | null;
  /** Owners only: what a watch link carries. */
  watchToken: string | null;
  keepRunning: boolean;
  shareWatch: boolean;
  /** Owners only: `http-ingest` node id → its key. */
  ingestKeys: Record<string, string>;
  watchPage: boolean;
  /** Why the watch page shows no run (a bad link, a run gone), in words. */
  watchError: string | null;
  /** The toggle's value for the next run started here. */
  nextKeepRunning: boolean;
  attach: (a: { runId: string; role: RunRole; token: string | null; watchToken?: string | null }) => void;
  setOwnerInfo: (
    runId: string,
    info: Partial<Pick<RunAccessState, 'keepRunning' | 'shareWatch' | 'ingestKeys' | 'watchToken'>>,
  ) => void;
  setNextKeepRunning: (keep: boolean) => void;
  setWatchPage: (on: boolean, error?: string | null) => void;
  detach: () => void;
}

export const useRunAccessStore = create<RunAccessState>()((set) => ({
  runId: null,
  role: null,
  token: null,
  watchToken: null,
  keepRunning: false,
  shareWatch: false,
  ingestKeys: {},
  watchPage: false,
  watchError: null,
  nextKeepRunning: false,
  attach: ({ runId, role, token, watchToken = null }) =>
    set((s) => ({
      runId,
      role,
      token,
      watchToken,
      keepRunning:
        s.runId === runId ? s.keepRunning : (ownedRuns.get(runId)?.keepRunning ?? s.nextKeepRunning),
      shareWatch: ownedRuns.get(runId)?.sharedWatch ?? false,
      ingestKeys: {},
    })),
  setOwnerInfo: (runId, info) => set((s) => (s.runId === runId ? info : s)),
  setNextKeepRunning: (nextKeepRunning) => set({ nextKeepRunning }),
  setWatchPage: (watchPage, watchError = null) => set({ watchPage, watchError }),
  detach: () =>
    set({ runId: null, role: null, token: null, watchToken: null, ingestKeys: {}, shareWatch: false }),
}));

/** The token this browser holds for a run: the page's own, else one of its owned runs'. */
export function tokenFor(runId: string): string | undefined {
  const s = useRunAccessStore.getState();
  if (s.runId === runId && s.token) return s.token;
  return ownedRuns.get(runId)?.runToken;
}

/** This page may control the run it shows. */
export function isOwner(): boolean {
  return useRunAccessStore.getState().role !== 'watcher';
}
