import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';

/**
 * Zoomed far out, each node's bar and each queue's fill refresh about this often (ms). A few
 * pixels wide, a 10 Hz flicker is invisible, yet hundreds of them repainting every tick is
 * what made big graphs stutter (e2e/perf/RESULTS.md).
 */
export const OVERVIEW_REFRESH_MS = 500;

/** How many frames apart one item refreshes at a telemetry interval: 5 at 10 Hz, 1 at 2 Hz. */
export function overviewTurns(intervalMs: number): number {
  return Math.max(1, Math.round(OVERVIEW_REFRESH_MS / Math.max(1, intervalMs)));
}

const turnOf = new Map<string, number>();

/** A stable spread of ids over turns (a string hash), cached: ids live as long as the graph. */
function turn(id: string): number {
  let h = turnOf.get(id);
  if (h === undefined) {
    h = 0;
    for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0;
    turnOf.set(id, h);
  }
  return h;
}

/**
 * The frame low detail draws: each node and queue takes the newest numbers on its own turn,
 * one in `turns` frames, and keeps its previous numbers (the same object) in between, so a
 * tick re-renders a `turns`-th of the overlays instead of all of them, evenly frame to frame.
 * Items new to the frame take their numbers at once; items gone from it are dropped.
 *
 * @example
 * // 10 Hz telemetry, 5 turns: frame k refreshes the items whose turn is k % 5.
 * staggerFrame(shown, next, 5, k)
 */
export function staggerFrame(
  prev: TelemetryFrame | null,
  next: TelemetryFrame,
  turns: number,
  tick: number,
): TelemetryFrame {
  if (!prev || prev.runId !== next.runId || turns <= 1) return next;
  const now = tick % turns;
  const pick = <T>(before: Record<string, T>, after: Record<string, T>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const id in after) {
      const old = before[id];
      out[id] = old === undefined || turn(id) % turns === now ? after[id]! : old;
    }
    return out;
  };
  return { ...next, nodes: pick(prev.nodes, next.nodes), edges: pick(prev.edges, next.edges) };
}
