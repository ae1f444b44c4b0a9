import { create } from 'zustand';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../../../shared/protocol/telemetry.js';
import { type Bottleneck, holdBottlenecks } from '../lib/bottleneck.js';

/**
 * High-rate live data, apart from the graph store so a 10 Hz tick re-renders only the node and
 * edge overlays that subscribe to their own slice, never the graph, palette or inspector form.
 */
interface TelemetryState {
  frame: TelemetryFrame | null;
  /** `performance.now()` when the latest frame arrived. */
  receivedAt: number;
  /** Expected time between frames, from the requested telemetry rate. */
  intervalMs: number;
  /** Nodes that limit throughput right now, with the reason in words (see findBottlenecks). */
  bottlenecks: Record<string, Bottleneck>;
  /** The run is still going: overlays animate. False after it ends (the last frame stays, dimmed). */
  live: boolean;
  setFrame: (frame: TelemetryFrame, found: Record<string, Bottleneck>) => void;
  reset: (intervalMs: number) => void;
  end: () => void;
  /** No run shown at all (another graph was opened). */
  clear: () => void;
}

export const useTelemetryStore = create<TelemetryState>()((set) => ({
  frame: null,
  receivedAt: 0,
  intervalMs: 100,
  bottlenecks: {},
  live: false,
  // Frames can overtake each other across a reconnect; an older one must not replace a newer one.
  setFrame: (frame, found) =>
    set((s) =>
      s.frame && s.frame.runId === frame.runId && frame.seq <= s.frame.seq
        ? s
        : {
            frame,
            bottlenecks: s.live ? holdBottlenecks(s.bottlenecks, found, frame.t) : {},
            receivedAt: performance.now(),
          },
    ),
  reset: (intervalMs) =>
    set({ frame: null, bottlenecks: {}, live: true, receivedAt: performance.now(), intervalMs }),
  end: () => set({ bottlenecks: {}, live: false }),
  clear: () => set({ frame: null, bottlenecks: {}, live: false }),
}));

/** One node's live metrics; re-renders its caller only when that node's slice changes. */
export function useNodeTelemetry(nodeId: string): NodeTelemetry | undefined {
  return useTelemetryStore((s) => s.frame?.nodes[nodeId]);
}

/** One edge's live metrics. */
export function useEdgeTelemetry(edgeId: string): EdgeTelemetry | undefined {
  return useTelemetryStore((s) => s.frame?.edges[edgeId]);
}

/** Why a node is the bottleneck right now (one sentence), or undefined. */
export function useBottleneck(nodeId: string): string | undefined {
  return useTelemetryStore((s) => s.bottlenecks[nodeId]?.sentence);
}

/** The evidence and advice behind a node's bottleneck mark. */
export function useBottleneckDetail(nodeId: string): string | undefined {
  return useTelemetryStore((s) => s.bottlenecks[nodeId]?.detail);
}
