import type { TelemetryFrame } from '../../shared/protocol/telemetry.js';

/** Items in and out, cumulative since the run started. */
export interface InOut {
  in: number;
  out: number;
}

/**
 * A run's per-edge and per-node cumulative in/out counts, summed from the frames' exact deltas
 * (frames carry rates and deltas, not these totals). Every frame of a run passes here, so the sums
 * are exact; memory is one entry per edge and node of a run that is still executing.
 */
export class RunCounts {
  frame: TelemetryFrame | undefined;
  readonly edges = new Map<string, InOut>();
  readonly nodes = new Map<string, InOut>();

  add(frame: TelemetryFrame): void {
    this.frame = frame;
    for (const [id, e] of Object.entries(frame.edges)) if (e.delta) addTo(this.edges, id, e.delta);
    for (const [id, n] of Object.entries(frame.nodes)) if (n.delta) addTo(this.nodes, id, n.delta);
  }
}

function addTo(map: Map<string, InOut>, id: string, d: InOut): void {
  const c = map.get(id);
  if (c) {
    c.in += d.in;
    c.out += d.out;
  } else map.set(id, { in: d.in, out: d.out });
}
