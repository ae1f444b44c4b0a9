import type { EdgeTelemetry, NodeTelemetry } from '../protocol/telemetry.js';

/** Tests only: a node's telemetry, idle unless `p` says otherwise. */
export const nodeTelemetry = (p: Partial<NodeTelemetry> = {}): NodeTelemetry => ({
  inRate: 0,
  outRate: 0,
  busy: 0,
  idle: 1,
  backpressured: 0,
  p50Ms: 0,
  p99Ms: 0,
  errors: 0,
  processed: 0,
  ...p,
});

/** Tests only: an empty 64-slot queue's telemetry, unless `p` says otherwise. */
export const edgeTelemetry = (p: Partial<EdgeTelemetry> = {}): EdgeTelemetry => ({
  depth: 0,
  capacity: 64,
  inRate: 0,
  outRate: 0,
  dropped: 0,
  blockedRatio: 0,
  oldestAgeMs: 0,
  etaFullMs: null,
  ...p,
});
