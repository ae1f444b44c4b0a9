import { z } from 'zod';

/** Most items one `count` request follows, and most traces live per run. */
export const MAX_TRACE_COUNT = 20;
/** The sparsest `every` may not go below this: one in 10 is already a lot of hops. */
export const MIN_TRACE_EVERY = 10;

/**
 * `POST /api/runs/:runId/trace` body (`TraceRequest` in trace.ts): `{ nodeId, count }` follows the
 * node's next `count` items; `{ nodeId, every }` one in `every`, continuously (`every: 0` stops).
 */
export const traceRequestSchema = z
  .object({
    nodeId: z.string().min(1).max(200),
    count: z.number().int().min(1).max(MAX_TRACE_COUNT).optional(),
    every: z
      .number()
      .int()
      .refine((n) => n === 0 || n >= MIN_TRACE_EVERY, `must be 0 (stop) or at least ${MIN_TRACE_EVERY}`)
      .optional(),
  })
  .strict()
  .refine((r) => (r.count === undefined) !== (r.every === undefined), {
    message: 'give either count (1–20) or every (0, or 10 and up)',
    path: ['count'],
  });
