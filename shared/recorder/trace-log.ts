/**
 * The followed items of a recording (issue 18: "a token moves along the followed item's path …
 * in recordings"): each trace's hops, `t` in ms since the run started like the frames'.
 *
 * Bounded two ways, the oldest trace going first: the newest KEEP_RECORDED_TRACES traces, and
 * their JSON within a share of the recording's budget (1/TRACE_SHARE of SLUICE_MAX_RECORDING_MB:
 * 4 MB of the default 64). A trace is ~60–80 bytes a hop, so 1,000 traces of a 4-stage path are
 * ~0.5 MB; sampling "1 in N" for a long run keeps its last 1,000 items.
 */

import type { Hop, RecordedTrace } from '../protocol/trace.js';
import { MAX_RECORDED_HOPS } from '../protocol/trace-schema.js';
import { utf8Length } from './leaf-paths.js';

export const KEEP_RECORDED_TRACES = 1_000;
/** Traces may take 1/TRACE_SHARE of a recording's byte budget. */
export const TRACE_SHARE = 16;

/** What the recorder is told: the run's `run:trace` messages, hops new since the last one. */
export interface TraceUpdate {
  traceId: string;
  nodeId?: string;
  hops: readonly Hop[];
  done?: boolean;
}

interface Kept {
  trace: RecordedTrace;
  bytes: number;
  /** Earliest and latest hop time (hops are in the order they happened, not sorted by `t`). */
  first: number;
  last: number;
}

const EMPTY_TRACE_BYTES = 60;

export class TraceLog {
  /** Insertion order: the oldest trace first. */
  private readonly traces = new Map<string, Kept>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get byteSize(): number {
    return this.bytes;
  }

  get size(): number {
    return this.traces.size;
  }

  add(m: TraceUpdate): void {
    let kept = this.traces.get(m.traceId);
    if (!kept) {
      const trace: RecordedTrace = { traceId: m.traceId, nodeId: m.nodeId ?? '', hops: [], done: false };
      kept = {
        trace,
        bytes: EMPTY_TRACE_BYTES + utf8Length(m.traceId + trace.nodeId),
        first: Infinity,
        last: -Infinity,
      };
      this.traces.set(m.traceId, kept);
      this.bytes += kept.bytes;
    }
    for (const hop of m.hops) {
      if (kept.trace.hops.length >= MAX_RECORDED_HOPS) break;
      kept.trace.hops.push({ ...hop });
      const size = utf8Length(JSON.stringify(hop)) + 1;
      kept.bytes += size;
      this.bytes += size;
      kept.first = Math.min(kept.first, hop.t);
      kept.last = Math.max(kept.last, hop.t);
    }
    if (m.done) kept.trace.done = true;
    this.bound();
  }

  /** The run ended: whatever was still open is over. */
  close(): void {
    for (const { trace } of this.traces.values()) trace.done = true;
  }

  /** Traces with a hop in [from, to], or hops on both sides of it, oldest first; copies. */
  between(from: number, to: number): RecordedTrace[] {
    const out: RecordedTrace[] = [];
    for (const k of this.traces.values())
      if (k.trace.hops.length > 0 && k.first <= to && k.last >= from) out.push(structuredClone(k.trace));
    return out;
  }

  toData(): RecordedTrace[] {
    return [...this.traces.values()].map((k) => structuredClone(k.trace));
  }

  /** From a checked list (recording-data.ts). */
  static fromData(traces: readonly RecordedTrace[], maxBytes: number): TraceLog {
    const log = new TraceLog(maxBytes);
    for (const t of traces) log.add({ ...t, done: t.done });
    return log;
  }

  private bound(): void {
    while (this.traces.size > KEEP_RECORDED_TRACES || (this.bytes > this.maxBytes && this.traces.size > 1)) {
      const [oldest, kept] = this.traces.entries().next().value as [string, Kept];
      this.traces.delete(oldest);
      this.bytes -= kept.bytes;
    }
  }
}
