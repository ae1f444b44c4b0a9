import { z } from 'zod';
import type { PartEvent } from '../../shared/protocol/cluster.js';
import type { RunError } from '../../shared/protocol/telemetry.js';
import { RUN_STATUSES } from '../../shared/protocol/telemetry.js';

/**
 * The run's events subject is open to anyone connected to NATS: an event is parsed before it is
 * believed, and one that is not an event is dropped. Frames are checked only for their shape
 * (nodes and edges maps): their numbers are passed on as a part measured them.
 */
const counts = z.record(z.string(), z.number().finite());
const totals = z.object({
  emitted: z.number(),
  delivered: z.number(),
  dropped: z.number(),
  errors: z.number(),
  rejected: z.number(),
  deadLettered: z.number(),
  skipped: z.number(),
});
const status = z.enum(RUN_STATUSES);
const error = z.object({ nodeId: z.string().optional(), message: z.string() });
const base = { partId: z.string().max(200), runnerId: z.string().max(64) };

const partEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('frame'),
    frame: z
      .object({ nodes: z.record(z.string(), z.any()), edges: z.record(z.string(), z.any()) })
      .passthrough(),
    totals,
    broker: z.record(z.string(), counts),
  }),
  z.object({ ...base, type: z.literal('status'), status, error: error.optional() }),
  z.object({ ...base, type: z.literal('node'), nodeId: z.string(), message: z.unknown() }),
  z.object({ ...base, type: z.literal('edge-closed'), edgeId: z.string() }),
  z.object({ ...base, type: z.literal('done'), status, error: error.optional(), totals }),
]);

/** The event in a message on `sluice.run.<id>.events`, or undefined when it is not one. */
export function parsePartEvent(data: Uint8Array): PartEvent | undefined {
  try {
    const parsed = partEventSchema.safeParse(JSON.parse(new TextDecoder().decode(data)));
    return parsed.success ? (parsed.data as PartEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** A part's failure as the run's error: which part, and the node when the part named one. */
export function partError(partId: string, error: RunError | undefined): RunError {
  const message = `part "${partId}" failed: ${error?.message ?? 'no reason given'}`;
  return error?.nodeId ? { nodeId: error.nodeId, message } : { message };
}
