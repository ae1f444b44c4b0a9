import { create } from 'zustand';
import { type Bottleneck, holdBottlenecks, shownBottleneck } from '../../../shared/analysis/bottleneck.js';
import { type FillStreak, judgeFilling } from '../../../shared/analysis/fill-level.js';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import type { RunAverages } from '../lib/run-averages.js';

/** Per edge, since when it has been gaining on its consumer (see judgeFilling); one run at a time. */
let streaks = new Map<string, FillStreak>();
let streaksRun: string | null = null;

/**
 * The frame as the UI shows it: each queue's `etaFullMs` is the client's judgement (null unless
 * the queue is meaningfully filling, judgeFilling), so the label, hover card and inspector agree
 * and a queue wobbling at 1/64 never says "full in 1.2 min". Edges whose value does not change
 * keep their object.
 */
function judgeEtas(frame: TelemetryFrame): TelemetryFrame {
  if (streaksRun !== frame.runId) {
    streaks = new Map();
    streaksRun = frame.runId;
  }
  let edges: TelemetryFrame['edges'] | null = null;
  for (const [id, q] of Object.entries(frame.edges)) {
    const { streak, etaMs } = judgeFilling(streaks.get(id), q, frame.t);
    if (streak) streaks.set(id, streak);
    else streaks.delete(id);
    if (etaMs !== q.etaFullMs) {
      edges ??= { ...frame.edges };
      edges[id] = { ...q, etaFullMs: etaMs };
    }
  }
  return edges ? { ...frame, edges } : frame;
}

/**
 * High-rate live data, apart from the graph store so a 10 Hz tick re-renders only the node and
 * edge overlays that subscribe to their own slice, never the graph, palette or inspector form.
 */
export interface TelemetryState {
  /**
   * The frame every overlay draws: the newest live one, or the recorded frame at the timeline's
   * cursor while it is set (`past`).
   */
  frame: TelemetryFrame | null;
  /** The newest live frame, whatever is shown. */
  liveFrame: TelemetryFrame | null;
  /** `frame` is a recorded one from the timeline's cursor, not the newest. */
  past: boolean;
  /** `performance.now()` when the latest frame arrived. */
  receivedAt: number;
  /** Expected time between frames, from the requested telemetry rate. */
  intervalMs: number;
  /**
   * Nodes that limit throughput right now, with the reason in words (see findBottlenecks), and
   * candidates not yet seen long enough to show (shownBottleneck and worstBottleneck skip them).
   */
  bottlenecks: Record<string, Bottleneck>;
  /** The run is still going: overlays animate. False after it ends (the last frame stays, dimmed). */
  live: boolean;
  /**
   * Once the run has ended: each rate averaged over the run, shown (and labelled "avg over run")
   * instead of the last frame's rates, which would otherwise freeze at whatever they were.
   */
  averages: RunAverages | null;
  setFrame: (frame: TelemetryFrame, found: Record<string, Bottleneck>) => void;
  /** Shows a recorded frame (null: before the first frame) with its own bottlenecks. */
  showPast: (frame: TelemetryFrame | null, found: Record<string, Bottleneck>) => void;
  /** Back to the newest live frame. */
  showLive: () => void;
  reset: (intervalMs: number) => void;
  end: (averages?: RunAverages) => void;
  /** No run shown at all (another graph was opened). */
  clear: () => void;
}

export const useTelemetryStore = create<TelemetryState>()((set) => ({
  frame: null,
  liveFrame: null,
  past: false,
  receivedAt: 0,
  intervalMs: 100,
  bottlenecks: {},
  live: false,
  averages: null,
  // Frames can overtake each other across a reconnect; an older one must not replace a newer one.
  setFrame: (frame, found) =>
    set((s) => {
      if (s.liveFrame && s.liveFrame.runId === frame.runId && frame.seq <= s.liveFrame.seq) return s;
      const judged = judgeEtas(frame);
      // Scrubbed back: the live frame is kept for "Live", the canvas stays at the cursor.
      if (s.past) return { liveFrame: judged, receivedAt: performance.now() };
      return { liveFrame: judged, ...withFrame(s, judged, found) };
    }),
  showPast: (frame, found) => set({ past: true, frame, bottlenecks: found }),
  showLive: () => set((s) => (s.past ? { past: false, frame: s.liveFrame, bottlenecks: {} } : s)),
  reset: (intervalMs) => {
    streaks = new Map();
    streaksRun = null;
    set({
      frame: null,
      liveFrame: null,
      past: false,
      bottlenecks: {},
      live: true,
      averages: null,
      receivedAt: performance.now(),
      intervalMs,
    });
  },
  end: (averages) =>
    set((s) => ({
      bottlenecks: s.past ? s.bottlenecks : {},
      live: false,
      averages: averages ?? null,
    })),
  clear: () =>
    set({
      frame: null,
      liveFrame: null,
      past: false,
      bottlenecks: {},
      live: false,
      averages: null,
    }),
}));

function withFrame(
  s: TelemetryState,
  frame: TelemetryFrame,
  found: Record<string, Bottleneck>,
): Partial<TelemetryState> {
  return {
    frame,
    bottlenecks: s.live ? holdBottlenecks(s.bottlenecks, found, frame) : {},
    receivedAt: performance.now(),
  };
}

/** One node's live metrics; re-renders its caller only when that node's slice changes. */
export function useNodeTelemetry(nodeId: string): NodeTelemetry | undefined {
  return useTelemetryStore((s) => s.frame?.nodes[nodeId]);
}

/** One edge's live metrics. */
export function useEdgeTelemetry(edgeId: string): EdgeTelemetry | undefined {
  return useTelemetryStore((s) => s.frame?.edges[edgeId]);
}

/**
 * A node's rates averaged over the run, once it has ended (null while it runs, and while the
 * timeline shows one instant of it: that instant's own rates are shown then).
 */
export function useNodeAverages(nodeId: string): RunAverages['nodes'][string] | null {
  return useTelemetryStore((s) => (s.past ? null : (s.averages?.nodes[nodeId] ?? null)));
}

/** An edge's rates averaged over the run, once it has ended (null while it runs or scrubbed). */
export function useEdgeAverages(edgeId: string): RunAverages['edges'][string] | null {
  return useTelemetryStore((s) => (s.past ? null : (s.averages?.edges[edgeId] ?? null)));
}

/** Overlays move (flow, "filling", undimmed): the run goes on, or a recorded instant is shown. */
export function useAnimated(): boolean {
  return useTelemetryStore((s) => s.live || s.past);
}

/** Why a node is the bottleneck right now (one sentence), or undefined. */
export function useBottleneck(nodeId: string): string | undefined {
  return useTelemetryStore((s) => shownBottleneck(s.bottlenecks, nodeId)?.sentence);
}

/** The evidence and advice behind a node's bottleneck mark. */
export function useBottleneckDetail(nodeId: string): string | undefined {
  return useTelemetryStore((s) => shownBottleneck(s.bottlenecks, nodeId)?.detail);
}
