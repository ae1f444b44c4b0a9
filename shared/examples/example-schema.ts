import { z } from 'zod';
import { graphSchema } from '../graph/graph-schema.js';
import { patchRunParamsRequestSchema } from '../protocol/api.js';

const text = z.string().min(1).max(600);

/**
 * One step of a lesson: where to look, what to change, what you will see, and why. When the change
 * can be made while the graph runs, `patch` holds it in the body format of
 * `PATCH /api/runs/:runId/params`, so the client can offer an "apply" button and the lesson tests
 * apply exactly what the text says.
 */
export const lessonStepSchema = z
  .object({
    look: text.describe('What to look at on the canvas before changing anything'),
    change: text.describe('What to change, in words'),
    see: text.describe('What you will see after the change'),
    why: text.describe('Why it happens'),
    patch: patchRunParamsRequestSchema.optional().describe('The change as a live edit, when it can be one'),
  })
  .strict();
export type LessonStep = z.infer<typeof lessonStepSchema>;

export const exampleIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case');

/** A gallery entry, as served by `GET /api/examples`. */
export const exampleSchema = z
  .object({
    id: exampleIdSchema,
    title: z.string().min(1).max(80),
    /** Two lines (one `\n`) for the gallery card: the setup, then the effect to watch for. */
    summary: text.refine((s) => s.split('\n').length === 2, 'must be two lines (one \\n)'),
    lesson: z.object({ steps: z.array(lessonStepSchema).min(3).max(5) }).strict(),
    /**
     * Offer to replay the run in slow motion at this speed (issue 17): at 0.1× each item of a
     * 500/s stage is seen entering and leaving its queue.
     */
    replaySpeed: z.number().min(0.1).max(1).optional(),
    graph: graphSchema,
  })
  .strict();
export type Example = z.input<typeof exampleSchema>;

export const examplesResponseSchema = z.object({ examples: z.array(exampleSchema) }).strict();
export type ExamplesResponse = z.input<typeof examplesResponseSchema>;
