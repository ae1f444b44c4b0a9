import { create } from 'zustand';
import type { Issue } from '../../../shared/compiler/issue.js';
import type { GraphInput } from '../../../shared/graph/graph-schema.js';
import type { RunError, RunStatus, RunTotals } from '../../../shared/protocol/telemetry.js';
import type { RunPhase } from '../lib/run-gate.js';

/** The current run (at most one per editor) and what the server said about it. */
interface RunState {
  runId: string | null;
  phase: RunPhase;
  /** A request is in flight (POST /api/runs or stop): buttons wait for it. */
  pending: 'start' | 'stop' | null;
  runError: RunError | null;
  /** A request the server refused, in words (e.g. compile_failed, too_many_runs, network). */
  requestError: string | null;
  /** Issues the server's compiler returned, when it disagreed with the browser's. */
  serverIssues: Issue[];
  totals: RunTotals | null;
  startedAt: number | null;
  /**
   * The graph document the current run was started with: what actually runs. Edits the run
   * cannot take live are measured against it (shared/graph/held-changes.ts).
   */
  runGraph: GraphInput | null;
  /** The live channel to the server is up (socket.io connected). */
  connected: boolean;
  /** When the live channel went down (Date.now()), while it is down. */
  offlineSince: number | null;
  /** Telemetry frames per second asked for on the next run (1–30). */
  telemetryHz: number;
  setTelemetryHz: (hz: number) => void;
  /** Back to "no run" (another graph was opened). */
  reset: () => void;
  setConnected: (connected: boolean) => void;
  setStarting: () => void;
  setStarted: (runId: string) => void;
  setStatus: (runId: string, status: RunStatus, error?: RunError) => void;
  setPending: (pending: RunState['pending']) => void;
  setRequestError: (message: string | null, issues?: Issue[]) => void;
  setTotals: (runId: string, totals: RunTotals) => void;
  setRunGraph: (runId: string, graph: GraphInput) => void;
}

export const TELEMETRY_RATES = [1, 2, 5, 10, 20, 30] as const;
const HZ_KEY = 'sluice:telemetry-hz';

function storedHz(): number {
  try {
    const hz = Number(localStorage.getItem(HZ_KEY));
    return (TELEMETRY_RATES as readonly number[]).includes(hz) ? hz : 10;
  } catch {
    return 10;
  }
}

const NO_RUN = {
  runId: null,
  phase: 'idle' as RunPhase,
  pending: null,
  runError: null,
  requestError: null,
  serverIssues: [],
  totals: null,
  startedAt: null,
  runGraph: null,
};

export const useRunStore = create<RunState>()((set) => ({
  ...NO_RUN,
  connected: true,
  offlineSince: null,
  telemetryHz: storedHz(),
  setTelemetryHz: (hz) => {
    const clamped = Math.min(30, Math.max(1, Math.round(hz)));
    try {
      localStorage.setItem(HZ_KEY, String(clamped));
    } catch {
      // Not kept across reloads then.
    }
    set({ telemetryHz: clamped });
  },
  reset: () => set(NO_RUN),
  // A failed reconnect attempt keeps the first moment the channel was lost.
  setConnected: (connected) =>
    set((s) => ({ connected, offlineSince: connected ? null : (s.offlineSince ?? Date.now()) })),
  setStarting: () =>
    set({ pending: 'start', requestError: null, serverIssues: [], runError: null, totals: null }),
  setStarted: (runId) => set({ runId, phase: 'starting', pending: null, startedAt: Date.now() }),
  // Status messages for an older run (e.g. a late `stopped`) must not overwrite the current one.
  setStatus: (runId, status, error) =>
    set((s) => (s.runId === runId ? { phase: status, runError: error ?? s.runError } : s)),
  setPending: (pending) => set({ pending }),
  setRequestError: (message, issues = []) =>
    set({ requestError: message, serverIssues: issues, pending: null }),
  setTotals: (runId, totals) => set((s) => (s.runId === runId ? { totals } : s)),
  setRunGraph: (runId, runGraph) => set((s) => (s.runId === runId ? { runGraph } : s)),
}));
