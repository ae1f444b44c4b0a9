import { z } from 'zod';
import type { StartPart } from '../../shared/protocol/cluster.js';

/** Ids that end up inside NATS subjects (`sluice.run.<runId>.cmd`): no dots, wildcards or spaces. */
const subjectToken = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * `StartPart` is bytes on a subject anyone connected may publish to. Its envelope is checked
 * here; the plan inside was compiled by the coordinator and is trusted as far as its shape goes —
 * a plan that still breaks `startRun` crashes only its own thread, which fails the part.
 */
const startPartSchema = z.object({
  runId: subjectToken,
  part: z.object({
    partId: z.string().min(1).max(200),
    process: z.string().max(200),
    replica: z.number().int().min(0).max(63),
    replicaCount: z.number().int().min(1).max(64),
    plan: z.looseObject({
      name: z.string(),
      nodes: z.array(z.looseObject({ id: z.string() })),
      edges: z.array(z.looseObject({ id: z.string() })),
    }),
    brokerEdges: z.array(z.looseObject({ edgeId: z.string() })),
  }),
  telemetryHz: z.number().min(0).max(30),
  seed: z.number().finite().optional(),
  ackWaitMs: z.number().positive().max(3_600_000),
});

/** The request, or why it is not one (for the refusal's reason). */
export function parseStartPart(
  data: Uint8Array,
): { ok: true; start: StartPart } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch {
    return { ok: false, error: 'StartPart is not JSON' };
  }
  const parsed = startPartSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `StartPart.${issue.path.join('.')}: ${issue.message}` };
  }
  return { ok: true, start: parsed.data as unknown as StartPart };
}
