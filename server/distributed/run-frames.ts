import type { Plan } from '../../shared/compiler/plan.js';
import type { RunTotals, TelemetryFrame } from '../../shared/protocol/telemetry.js';
import { FrameMerger, type PartSnapshot, type StreamSnapshot } from './merge-frames.js';
import type { RunBroker } from './run-broker.js';

/**
 * The run's merged frames: each one polls the `nats` edges' streams, then merges them with the
 * parts' latest frames. Latest state, never a backlog: a frame asked for while the previous
 * poll is still out is skipped.
 */
export class RunFrames {
  latest: TelemetryFrame | null = null;
  readonly merger: FrameMerger;
  private readonly streams = new Map<string, StreamSnapshot>();
  private readonly natsEdges: string[];
  private polling = false;

  constructor(
    runId: string,
    plan: Plan,
    startedAt: number,
    private readonly broker: RunBroker,
  ) {
    this.merger = new FrameMerger(runId, plan, startedAt);
    this.natsEdges = plan.edges.filter((e) => e.transport === 'nats').map((e) => e.id);
  }

  /** The merged frame at `now`, or undefined when skipped. `final`: every rate 0, never skipped. */
  async next(
    now: () => number,
    wallNow: () => number,
    snapshots: () => PartSnapshot[],
    final = false,
  ): Promise<TelemetryFrame | undefined> {
    if (this.polling && !final) return undefined;
    this.polling = true;
    try {
      const states = await Promise.all(this.natsEdges.map((id) => this.broker.state(id)));
      this.natsEdges.forEach((id, i) => {
        const st = states[i];
        if (st) this.streams.set(id, st);
      });
    } finally {
      this.polling = false;
    }
    this.latest = this.merger.merge(now(), wallNow(), snapshots(), this.streams, final);
    return this.latest;
  }

  totals(snapshots: readonly PartSnapshot[]): RunTotals {
    return this.merger.totals(snapshots, this.streams);
  }
}
