/**
 * A recording's stored form (`Recording.toData()`), and the check an untrusted one goes through
 * before `Recording.fromData` builds anything from it: shape and bounds by zod, then every frame
 * decoded once (frame-data.ts), so that reading any frame of an accepted recording cannot throw.
 */
import { z } from 'zod';
import type { Issue } from '../compiler/issue.js';
import { zodIssues } from '../compiler/parse-document.js';
import { findPoisonKeys, POISON_KEYS } from '../graph/poison-keys.js';
import { recordedTraceSchema } from '../protocol/trace-schema.js';
import { FrameChecker } from './frame-data.js';
import { KEEP_RECORDED_TRACES } from './trace-log.js';

/** Bounds of a stored recording, far above what SLUICE_MAX_RECORDING_MB lets a run record. */
export const RECORDING_BOUNDS = {
  paths: 500_000,
  pathDepth: 8,
  key: 200,
  blocks: 2_000_000,
  keyframeEvery: 100,
  frameData: 8 * 1024 * 1024,
  events: 100_000,
  eventBytes: 64 * 1024,
} as const;

const B = RECORDING_BOUNDS;

const eventSchema = z
  .object({ t: z.number().finite().min(0), type: z.string().min(1).max(40) })
  .catchall(z.unknown())
  .refine((e) => JSON.stringify(e).length <= B.eventBytes, {
    message: `an event is at most ${B.eventBytes} bytes of JSON`,
  });

export const recordingDataSchema = z.strictObject({
  keyframeEvery: z.number().int().min(1).max(B.keyframeEvery),
  paths: z.array(z.array(z.string().max(B.key)).max(B.pathDepth)).max(B.paths),
  blocks: z
    .array(
      z.strictObject({
        appended: z.number().int().min(1).max(B.keyframeEvery),
        frames: z
          .array(
            z.tuple([
              z.number().finite().min(0),
              z.number().int().min(0).max(B.keyframeEvery),
              z.string().max(B.frameData),
            ]),
          )
          .min(1)
          .max(B.keyframeEvery),
      }),
    )
    .max(B.blocks),
  events: z.array(eventSchema).max(B.events),
  thinned: z.strictObject({
    prefix: z.number().int().min(0),
    keepEvery: z.number().int().min(1).max(1e9),
    droppedFrames: z.number().int().min(0),
  }),
  /** Followed items' hops (issue 18); absent when none were followed. */
  traces: z.array(recordedTraceSchema).max(KEEP_RECORDED_TRACES).optional(),
});

export type RecordingData = z.infer<typeof recordingDataSchema>;

/** An untrusted recording refused: `issues` name where (`blocks.3.frames.2`), as a 400 does. */
export class RecordingDataError extends Error {
  constructor(
    message: string,
    readonly issues: Issue[],
  ) {
    super(message);
  }
}

const fail = (path: string, message: string): never => {
  throw new RecordingDataError(`recording: ${path}: ${message}`, [{ path, message }]);
};

/** Validates an untrusted recording whole; returns it typed, or throws `RecordingDataError`. */
export function checkRecordingData(input: unknown, prefix = ''): RecordingData {
  const poisoned = findPoisonKeys(input);
  if (poisoned.length > 0) {
    const issues = poisoned.map((p) => ({
      path: prefix + p,
      message: `forbidden key "${p.split('.').pop()}"`,
    }));
    throw new RecordingDataError('recording: it uses a forbidden key', issues);
  }
  const parsed = recordingDataSchema.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error, input).map((i) => ({ ...i, path: prefix + i.path }));
    throw new RecordingDataError(`recording: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  const data = parsed.data;
  if (data.thinned.prefix > data.blocks.length) fail(`${prefix}thinned.prefix`, 'is past the last block');
  const seen = new Set<string>();
  data.paths.forEach((path, id) => {
    const key = JSON.stringify(path);
    if (seen.has(key)) fail(`${prefix}paths.${id}`, 'repeats an earlier path');
    seen.add(key);
    const bad = path.find((k) => POISON_KEYS.has(k));
    if (bad !== undefined) fail(`${prefix}paths.${id}`, `forbidden key "${bad}"`);
  });
  for (let e = 1; e < data.events.length; e++)
    if ((data.events[e]?.t ?? 0) < (data.events[e - 1]?.t ?? 0))
      fail(`${prefix}events.${e}.t`, 'is before the event before it');
  checkTraces(data, prefix);
  const checker = new FrameChecker(data.paths);
  let lastT = 0;
  data.blocks.forEach((block, b) => {
    checker.startBlock();
    let lastI = -1;
    block.frames.forEach(([t, i, frameData], f) => {
      const at = `${prefix}blocks.${b}.frames.${f}`;
      if (t < lastT) fail(at, `t=${t} is before the frame before it (t=${lastT})`);
      if (f === 0 && i !== 0) fail(at, 'a block starts with its keyframe (index 0)');
      if (i <= lastI || i >= block.appended) fail(at, `index ${i} is out of order or past "appended"`);
      const problem = checker.apply(frameData, f === 0, t);
      if (problem !== undefined) fail(at, problem);
      lastT = t;
      lastI = i;
    });
  });
  return data;
}

/** Trace ids are keys on the client (a map of followed items): no repeats, no prototype names. */
function checkTraces(data: RecordingData, prefix: string): void {
  const ids = new Set<string>();
  data.traces?.forEach((trace, i) => {
    const at = `${prefix}traces.${i}`;
    if (ids.has(trace.traceId)) fail(`${at}.traceId`, 'repeats an earlier trace');
    ids.add(trace.traceId);
    if (POISON_KEYS.has(trace.traceId)) fail(`${at}.traceId`, `forbidden id "${trace.traceId}"`);
    if (POISON_KEYS.has(trace.nodeId)) fail(`${at}.nodeId`, `forbidden id "${trace.nodeId}"`);
    trace.hops.forEach((hop, h) => {
      for (const key of ['nodeId', 'edgeId'] as const) {
        const v = hop[key];
        if (v !== undefined && POISON_KEYS.has(v)) fail(`${at}.hops.${h}.${key}`, `forbidden id "${v}"`);
      }
    });
  });
}
