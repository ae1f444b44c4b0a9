/**
 * Followed items kept in a recording (shared/recorder/trace-log.ts), checked strictly when a
 * recording comes from outside (an imported file): the contract's hop fields only, bounded.
 */
import { z } from 'zod';
import { HOP_EVENTS } from './trace.js';

/** Per trace, as the server keeps them (server/runtime/trace/tracer.ts MAX_HOPS). */
export const MAX_RECORDED_HOPS = 200;
const ID = 200;

const id = z.string().min(1).max(ID);
const ms = z.number().finite().min(0);

export const hopSchema = z.strictObject({
  event: z.enum(HOP_EVENTS),
  t: ms,
  nodeId: id.optional(),
  edgeId: id.optional(),
  depth: z.number().int().min(0).optional(),
  waitMs: ms.optional(),
  serviceMs: ms.optional(),
  attempt: z.number().int().min(0).optional(),
  reason: z.string().max(ID).optional(),
  e2eMs: z.number().finite().optional(),
  mergedInto: z.string().max(4_000).optional(),
});

export const recordedTraceSchema = z.strictObject({
  traceId: id,
  nodeId: z.string().max(ID),
  hops: z.array(hopSchema).max(MAX_RECORDED_HOPS),
  done: z.boolean(),
});
