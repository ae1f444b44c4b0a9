import type { TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { CountSums } from './frame-counts.js';

/** A run's rates averaged over the whole run: what the UI shows instead of frozen last values. */
export interface RunAverages {
  /** Run time the averages cover. */
  seconds: number;
  nodes: Record<
    string,
    {
      inRate: number;
      outRate: number;
      allowedRate?: number;
      limitedRate?: number;
      /** Shares of the run's time its lanes were busy, idle, backpressured (absent: no frame said). */
      shares?: { busy: number; idle: number; backpressured: number };
      /** Mean service time over the items it took, and ρ over the run (absent: no frame said). */
      meanServiceMs?: number;
      utilization?: number;
    }
  >;
  edges: Record<
    string,
    {
      inRate: number;
      outRate: number;
      offeredRate: number;
      dropRate: number;
      /** The share of the run its producers waited for room (absent: no frame said). */
      blockedRatio?: number;
      /** The queue's depth averaged over the run's time (Little's L; absent: no frame said). */
      meanDepth?: number;
      /** The mean wait of the items that left it over the run (Little's W; absent: none left). */
      meanWaitMs?: number;
    }
  >;
}

const orZero = (v: number) => (Number.isFinite(v) ? v : 0);

/**
 * The averages of every node and edge in `last` (the run's final frame), from the counts summed
 * over the run. Undefined when no time was covered: then there is nothing honest to show.
 *
 * @example runAveragesOf(sums, last).nodes.work.outRate // 498.2
 */
export function runAveragesOf(sums: CountSums, last: TelemetryFrame): RunAverages | undefined {
  if (!(sums.ms > 0)) return undefined;
  const nodes: RunAverages['nodes'] = {};
  for (const id in last.nodes) {
    const r = (m: Parameters<CountSums['rate']>[2]) => orZero(sums.rate('node', id, m));
    const shares = sums.shares(id);
    const load = sums.loadMeans(id);
    nodes[id] = {
      inRate: r('in'),
      outRate: r('out'),
      ...(last.nodes[id]!.limiter ? { allowedRate: r('allowed'), limitedRate: r('limited') } : {}),
      ...(shares ? { shares } : {}),
      ...(load.serviceMs !== undefined ? { meanServiceMs: load.serviceMs } : {}),
      ...(load.utilization !== undefined ? { utilization: load.utilization } : {}),
    };
  }
  const edges: RunAverages['edges'] = {};
  for (const id in last.edges) {
    const r = (m: Parameters<CountSums['rate']>[2]) => orZero(sums.rate('edge', id, m));
    const blockedRatio = sums.blockedShare(id);
    const q = sums.queueMeans(id);
    edges[id] = {
      inRate: r('in'),
      outRate: r('out'),
      offeredRate: r('offered'),
      dropRate: r('dropped'),
      ...(blockedRatio !== undefined ? { blockedRatio } : {}),
      ...(q ? { meanDepth: q.depth } : {}),
      ...(q?.waitMs !== undefined ? { meanWaitMs: q.waitMs } : {}),
    };
  }
  return { seconds: sums.ms / 1_000, nodes, edges };
}

/**
 * The frame as the canvas shows it after the run: rates and how the time split averaged over the
 * run, everything else (depths, totals) as the final frame left it. Without averages, the frame.
 *
 * @example withAverages(last, averages).nodes.work.outRate // 498.2, not the final frame's 0
 */
export function withAverages(frame: TelemetryFrame, averages: RunAverages | null): TelemetryFrame {
  if (!averages) return frame;
  const nodes: TelemetryFrame['nodes'] = {};
  for (const id in frame.nodes) {
    const a = averages.nodes[id];
    nodes[id] = a
      ? { ...frame.nodes[id]!, inRate: a.inRate, outRate: a.outRate, ...a.shares }
      : frame.nodes[id]!;
  }
  const edges: TelemetryFrame['edges'] = {};
  for (const id in frame.edges) {
    const a = averages.edges[id];
    edges[id] = a
      ? {
          ...frame.edges[id]!,
          inRate: a.inRate,
          outRate: a.outRate,
          ...(a.blockedRatio !== undefined ? { blockedRatio: a.blockedRatio } : {}),
        }
      : frame.edges[id]!;
  }
  return { ...frame, nodes, edges };
}

/**
 * `withAverages`, kept: the overview layer repaints on every pan and zoom after the run, and the
 * averaged frame (a new object per node and edge) only changes with the frame or the averages.
 */
export function cachedWithAverages(): (
  frame: TelemetryFrame,
  averages: RunAverages | null,
) => TelemetryFrame {
  let last: { frame: TelemetryFrame; averages: RunAverages | null; shown: TelemetryFrame } | undefined;
  return (frame, averages) => {
    if (last?.frame !== frame || last.averages !== averages)
      last = { frame, averages, shown: withAverages(frame, averages) };
    return last.shown;
  };
}
