import type { RunStatusMessage } from '../../../shared/protocol/socket-events.js';
import { RUN_STATUSES, type RunStatus, type TelemetryFrame } from '../../../shared/protocol/telemetry.js';

/**
 * Socket payloads are checked on arrival (style.md): a malformed frame is dropped, not rendered.
 * The checks are shallow on purpose: they run at 10 Hz on the main thread.
 */
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isRunStatus(v: unknown): v is RunStatus {
  return typeof v === 'string' && (RUN_STATUSES as readonly string[]).includes(v);
}

/** @example isTelemetryFrame({ runId: 'r1', seq: 1, t: 100, edges: {}, nodes: {} }) // true */
export function isTelemetryFrame(v: unknown): v is TelemetryFrame {
  return (
    isRecord(v) &&
    typeof v.runId === 'string' &&
    typeof v.seq === 'number' &&
    typeof v.t === 'number' &&
    isRecord(v.edges) &&
    isRecord(v.nodes)
  );
}

export function isRunStatusMessage(v: unknown): v is RunStatusMessage {
  return isRecord(v) && typeof v.runId === 'string' && isRunStatus(v.status);
}

/**
 * How late the telemetry stream is: the time since the last frame beyond the expected interval.
 * 0 while frames keep their schedule.
 *
 * @example telemetryLagMs({ now: 1_800, lastFrameAt: 1_000, intervalMs: 100 }) // 700
 */
export function telemetryLagMs(s: { now: number; lastFrameAt: number; intervalMs: number }): number {
  return Math.max(0, s.now - s.lastFrameAt - s.intervalMs);
}

/** Frames later than this show the lag badge (product brief). */
export const LAG_BADGE_MS = 500;

/** `sink:items { runId, nodeId, items }` from a browser sink. */
export function isSinkItemsMessage(
  v: unknown,
): v is { runId: string; nodeId: string; items: unknown[]; skipped?: number } {
  return isRecord(v) && typeof v.runId === 'string' && typeof v.nodeId === 'string' && Array.isArray(v.items);
}

/** `run:log { runId, nodeId, lines }` from a log sink; every line must be a string. */
export function isLogMessage(
  v: unknown,
): v is { runId: string; nodeId: string; lines: string[]; sampledOut?: number; skipped?: number } {
  return (
    isRecord(v) &&
    typeof v.runId === 'string' &&
    typeof v.nodeId === 'string' &&
    Array.isArray(v.lines) &&
    v.lines.every((l) => typeof l === 'string')
  );
}

/** An optional count field: a finite number ≥ 0, or undefined. */
export function countOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}
