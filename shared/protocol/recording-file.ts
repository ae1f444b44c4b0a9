/**
 * An exported recording file (`GET /api/recordings/:slug/export`, `POST /api/recordings`): the
 * graph and the recording's encoded form (shared/recorder/recording-data.ts), nothing else.
 * The events inside are checked against the contract's `RecordingEvent` on import.
 */
import { z } from 'zod';
import { RUN_STATUSES } from './telemetry.js';

export const RECORDING_FILE_FORMAT = 'sluice-recording';

export const recordingFileSchema = z.strictObject({
  format: z.literal(RECORDING_FILE_FORMAT),
  version: z.literal(1),
  name: z.string().max(200),
  graph: z.unknown(),
  hz: z.number().min(1).max(30),
  recording: z.unknown(),
});

export type RecordingFile = z.infer<typeof recordingFileSchema>;

const change = z.strictObject({ from: z.unknown(), to: z.unknown() });
const changes = z.record(z.string().max(200), z.record(z.string().max(200), change));

/** `StatusEvent | EditEvent` (recording-api.ts), strictly. */
export const recordingEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    t: z.number().finite().min(0),
    type: z.literal('status'),
    status: z.enum(RUN_STATUSES),
    error: z
      .strictObject({ nodeId: z.string().max(200).optional(), message: z.string().max(10_000) })
      .optional(),
    reason: z.string().max(1_000).optional(),
  }),
  z.strictObject({
    t: z.number().finite().min(0),
    type: z.literal('edit'),
    by: z.literal('owner'),
    nodes: changes.optional(),
    edges: changes.optional(),
    summary: z.string().max(1_000),
  }),
]);
