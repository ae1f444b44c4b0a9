/**
 * A bench row must run what its label says: a "fused" row that fell back to queues (or a plain row
 * that fused) would compare the wrong thing and still pass its checksum. Each run's last frame is
 * read back and held against the row's promise; a mismatch fails the row (it shows "n/a: …").
 */
import { whyNotFusable } from '../shared/compiler/fuse-plan.js';
import type { Plan } from '../shared/compiler/plan.js';
import type { TelemetryFrame } from '../shared/protocol/telemetry.js';

export interface RowPromise {
  /** The row runs every fusable edge fused. */
  fuse: boolean;
  /** Every queue's capacity (the document default, 64, when the row sets none). */
  capacity: number;
}

/** Why the run of `plan` that sent `frame` is not what the row says it is, or null. */
export function rowMismatch(plan: Plan, frame: TelemetryFrame | null, row: RowPromise): string | null {
  if (frame === null) return 'the run sent no telemetry frame to check the row against';
  // A fused row fuses every edge that can run fused (whyNotFusable: the compiler's own rule).
  const nodes = new Map(plan.nodes.map((n) => [n.id, n]));
  const expected = row.fuse
    ? plan.edges.filter((e) => whyNotFusable(e, nodes, plan.edges) === null).map((e) => e.id)
    : [];
  const reported = Object.entries(frame.edges)
    .filter(([, e]) => e.fused === true)
    .map(([id]) => id);
  const missing = expected.filter((id) => !reported.includes(id));
  if (missing.length > 0) return `edges ${missing.join(', ')} can run fused but ran as queues`;
  const extra = reported.filter((id) => !expected.includes(id));
  if (extra.length > 0) return `edges ${extra.join(', ')} ran fused but the row does not fuse them`;
  for (const [id, e] of Object.entries(frame.edges)) {
    if (e.fused !== true && e.capacity !== row.capacity)
      return `edge ${id} ran at capacity ${e.capacity}, the row says ${row.capacity}`;
  }
  return null;
}
