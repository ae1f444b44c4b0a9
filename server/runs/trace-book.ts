import type { TraceDetail, TraceMessage } from '../../shared/protocol/trace.js';
import { MAX_HOPS } from '../runtime/trace/tracer.js';

/** Traces remembered per run for `GET /api/runs/:runId/traces/:traceId`; older ones are forgotten. */
export const KEEP_TRACES = 200;

/**
 * One run's traces on the main thread, built from the hops its thread sends. Bounded: the newest
 * KEEP_TRACES traces (finished ones go first), MAX_HOPS hops each.
 */
export class TraceBook {
  private readonly traces = new Map<string, TraceDetail>();

  /** Traces asked for (or sampled) whose item has not left the graph yet. */
  get live(): number {
    let n = 0;
    for (const t of this.traces.values()) if (!t.done) n++;
    return n;
  }

  /** Ids handed out for a `count` request: known before their first hop. */
  expect(traceIds: readonly string[], nodeId: string): void {
    for (const traceId of traceIds) this.put({ traceId, nodeId, hops: [], done: false });
  }

  add(m: TraceMessage): void {
    let t = this.traces.get(m.traceId);
    if (!t) {
      t = { traceId: m.traceId, nodeId: m.nodeId ?? '', hops: [], done: false };
      this.put(t);
    }
    for (const hop of m.hops) if (t.hops.length < MAX_HOPS) t.hops.push(hop);
    if (m.done) t.done = true;
  }

  get(traceId: string): TraceDetail | undefined {
    return this.traces.get(traceId);
  }

  /** The run ended: whatever was still open is over. */
  close(): void {
    for (const t of this.traces.values()) t.done = true;
  }

  private put(t: TraceDetail): void {
    this.traces.set(t.traceId, t);
    if (this.traces.size <= KEEP_TRACES) return;
    let victim: string | undefined;
    for (const [id, old] of this.traces) {
      victim ??= id;
      if (old.done) {
        victim = id;
        break;
      }
    }
    this.traces.delete(victim!);
  }
}
