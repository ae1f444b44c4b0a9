/**
 * The flight recorder's encoding (issue 17): every telemetry frame of a run, compact and bounded,
 * and every event (status change, live edit) beside them.
 *
 * Encoding: frames go into blocks of `keyframeEvery` frames (10 = 1 s at 10 Hz). A block starts
 * with a keyframe (every leaf of the frame) and goes on with deltas holding only the numbers that
 * changed, each leaf named by an integer from a shared path dictionary (see leaf-paths.ts).
 * Reads rebuild frames deep-equal to what went in.
 *
 * Bound: past `maxBytes` (frames + dictionary + events), older parts are thinned, repeatedly:
 * 1. the oldest half of the blocks keeps every 2nd frame (index in its block even: keyframes kept);
 * 2. once the thinned part is half the recording or more, it is thinned again (every 4th, 8th, …);
 * 3. once thinned blocks are keyframes alone, every 2nd thinned block goes (the first one stays).
 * `thinned` says before which `t`, and one frame in how many (on average) is kept there. The newest block and
 * the events are never thinned, so the first and last frames and every event survive.
 *
 * The server keeps one per run (server/recording/); `toData` / `fromData` are the stored form:
 * the file under DATA_DIR/recordings, the saved recording's row and an export file's body
 * (recording-data.ts validates untrusted ones).
 */
import type { TelemetryFrame } from '../protocol/telemetry.js';
import type { RecordedTrace } from '../protocol/trace.js';
import { type Block, decodeBlock, type StoredFrame, storedSize, thinBlock } from './block-codec.js';
import { FrameEncoder } from './frame-encoder.js';
import { fromLeaves, type LeafMap, PathDictionary, utf8Length } from './leaf-paths.js';
import { checkRecordingData, type RecordingData } from './recording-data.js';
import { TRACE_SHARE, TraceLog, type TraceUpdate } from './trace-log.js';

export interface RecordedEvent {
  t: number;
  type: string;
  [field: string]: unknown;
}

export interface RecordingOptions {
  maxBytes: number;
  /** Frames per block: one keyframe, then deltas. */
  keyframeEvery?: number;
}

export interface Thinned {
  /** Frames with `t` before this are thinned. */
  beforeT: number;
  /**
   * One frame in `keepEvery` is kept there on average (frames appended before `beforeT` / frames
   * kept). While it is below `keyframeEvery`, exactly: each block keeps the frames whose index in it
   * is a multiple of `keepEvery`.
   */
  keepEvery: number;
}

export class Recording {
  private readonly dict = new PathDictionary();
  private blocks: Block[] = [];
  private readonly events: RecordedEvent[] = [];
  private eventBytes = 0;
  private frameBytes = 0;
  private readonly encoder = new FrameEncoder(this.dict);
  private lastT = Number.NEGATIVE_INFINITY;
  /** Blocks [0, prefix) are thinned; inside them frames with i % keepEvery = 0 are kept. */
  private prefix = 0;
  private keepEvery = 1;
  /** Frames appended to blocks since dropped by thinning: `thinned.keepEvery` counts them. */
  private droppedFrames = 0;
  private readonly maxBytes: number;
  private readonly keyframeEvery: number;
  /** Followed items' hops (trace-log.ts): their own share of the budget, never thinned. */
  private traceLog: TraceLog;

  constructor(opts: RecordingOptions) {
    if (!(opts.maxBytes > 0)) throw new RangeError('recording: maxBytes must be > 0');
    const k = opts.keyframeEvery ?? 10;
    if (!Number.isInteger(k) || k < 1)
      throw new RangeError('recording: keyframeEvery must be an integer ≥ 1');
    this.maxBytes = opts.maxBytes;
    this.keyframeEvery = k;
    this.traceLog = new TraceLog(opts.maxBytes / TRACE_SHARE);
  }

  append(frame: TelemetryFrame): void {
    if (!(frame.t >= this.lastT))
      throw new RangeError(`recording: frame t=${frame.t} is before t=${this.lastT}`);
    this.lastT = frame.t;
    let block = this.blocks.at(-1);
    if (block === undefined || block.appended >= this.keyframeEvery) {
      block = { frames: [], appended: 0, bytes: 0 };
      this.blocks.push(block);
      this.encoder.reset();
    }
    const stored: StoredFrame = { t: frame.t, i: block.appended, data: this.encoder.encode(frame) };
    const size = storedSize(stored);
    block.frames.push(stored);
    block.appended++;
    block.bytes += size;
    this.frameBytes += size;
    if (this.byteSize > this.maxBytes) this.thin();
  }

  /**
   * Events are never thinned; they count in the budget. Their times only go forward: an event
   * stamped before the one recorded last (a run's last frame, on the run thread's clock, can
   * place 'completed' 3 ms before the 'draining' stamped on the server's) is kept at that one's
   * time. Stored out of order, the recording failed its own check when read back, and the ended
   * run's timeline, frames and save answered 500.
   */
  recordEvent(event: RecordedEvent): void {
    const last = this.events.at(-1)?.t;
    const kept = structuredClone(event);
    if (last !== undefined && !(kept.t >= last)) kept.t = last;
    this.events.push(kept);
    this.eventBytes += utf8Length(JSON.stringify(kept));
    if (this.byteSize > this.maxBytes) this.thin();
  }

  /** A followed item's new hops (a `run:trace` message); the oldest traces go past their share. */
  recordTrace(update: TraceUpdate): void {
    this.traceLog.add(update);
    if (this.byteSize > this.maxBytes) this.thin();
  }

  /** The run ended: traces still open are over. */
  closeTraces(): void {
    this.traceLog.close();
  }

  /** Followed items with hops in [from, to] (or on both sides of it), oldest first. */
  tracesBetween(from: number, to: number): RecordedTrace[] {
    return this.traceLog.between(from, to);
  }

  get byteSize(): number {
    return this.frameBytes + this.dict.bytes + this.eventBytes + this.traceLog.byteSize;
  }

  /** `t` of the first kept frame (0 before any). */
  get startT(): number {
    return this.blocks[0]?.frames[0]?.t ?? 0;
  }

  /** `t` of the newest frame (0 before any). */
  get endT(): number {
    return Number.isFinite(this.lastT) ? this.lastT : 0;
  }

  get frameCount(): number {
    return this.blocks.reduce((n, b) => n + b.frames.length, 0);
  }

  get thinned(): Thinned | null {
    const first = this.blocks[this.prefix]?.frames[0];
    if (this.prefix === 0 || first === undefined) return null;
    const prefix = this.blocks.slice(0, this.prefix);
    const appended = prefix.reduce((n, b) => n + b.appended, this.droppedFrames);
    const kept = prefix.reduce((n, b) => n + b.frames.length, 0);
    return { beforeT: first.t, keepEvery: Math.round(appended / kept) };
  }

  /** The latest frame at or before `t`; undefined before the first. */
  frameAt(t: number): TelemetryFrame | undefined {
    const b = this.lastBlockStartingBy(t);
    if (b < 0) return undefined;
    const block = this.blocks[b] as Block;
    // The decoder reuses its map, so build the frame when the walk reaches it, not after.
    const last = block.frames.findLastIndex((f) => f.t <= t);
    let found: TelemetryFrame | undefined;
    let n = 0;
    decodeBlock(block, (_, leaves) => {
      if (n++ < last) return;
      found = fromLeaves(leaves, this.dict) as TelemetryFrame;
      return false;
    });
    return found;
  }

  /** Frames with from ≤ t ≤ to, oldest first; the first `limit` of them. */
  framesBetween(from: number, to: number, limit = Number.POSITIVE_INFINITY, stepMs = 0): TelemetryFrame[] {
    const out: TelemetryFrame[] = [];
    // With a step, a frame is kept only `stepMs` after the last one kept: a long run read whole
    // at chart resolution (decoding every frame still, as deltas need; building only the kept).
    let nextT = from;
    // A block starting exactly at `from` may follow frames at that same `t`: start one before.
    for (let b = Math.max(0, this.lastBlockStartingBy(from, true)); b < this.blocks.length; b++) {
      const block = this.blocks[b] as Block;
      if ((block.frames[0]?.t ?? Number.POSITIVE_INFINITY) > to || out.length >= limit) break;
      decodeBlock(block, (f, leaves) => {
        if (f.t > to || out.length >= limit) return false;
        if (f.t >= from && f.t >= nextT) {
          out.push(fromLeaves(leaves, this.dict) as TelemetryFrame);
          if (stepMs > 0) nextT = f.t + stepMs;
        }
      });
    }
    return out;
  }

  /** The encoded form, as stored and exported (strings and numbers only; shares nothing). */
  toData(): RecordingData {
    return {
      keyframeEvery: this.keyframeEvery,
      paths: this.dict.paths.map((p) => [...p]),
      blocks: this.blocks.map((b) => ({
        appended: b.appended,
        frames: b.frames.map((f): [number, number, string] => [f.t, f.i, f.data]),
      })),
      events: this.events.map((e) => structuredClone(e)),
      thinned: { prefix: this.prefix, keepEvery: this.keepEvery, droppedFrames: this.droppedFrames },
      ...(this.traceLog.size > 0 ? { traces: this.traceLog.toData() } : {}),
    };
  }

  /**
   * A recording from its encoded form, which may be untrusted (an uploaded file): checked whole
   * first (shape, bounds, every frame decoded once) and refused with `RecordingDataError` naming
   * where. Appending to it goes on where it stopped.
   */
  static fromData(input: unknown, opts: { maxBytes: number }): Recording {
    const data = checkRecordingData(input);
    const rec = new Recording({ maxBytes: opts.maxBytes, keyframeEvery: data.keyframeEvery });
    for (const path of data.paths) rec.dict.idOf(path);
    rec.blocks = data.blocks.map((b) => {
      const frames = b.frames.map(([t, i, d]) => ({ t, i, data: d }));
      return { frames, appended: b.appended, bytes: frames.reduce((n, f) => n + storedSize(f), 0) };
    });
    rec.frameBytes = rec.blocks.reduce((n, b) => n + b.bytes, 0);
    for (const e of data.events) {
      rec.events.push(e);
      rec.eventBytes += utf8Length(JSON.stringify(e));
    }
    if (data.traces) rec.traceLog = TraceLog.fromData(data.traces, opts.maxBytes / TRACE_SHARE);
    rec.prefix = data.thinned.prefix;
    rec.keepEvery = data.thinned.keepEvery;
    rec.droppedFrames = data.thinned.droppedFrames;
    const last = rec.blocks.at(-1);
    if (last !== undefined) {
      rec.lastT = last.frames.at(-1)?.t ?? rec.lastT;
      // The next append's delta is against the last frame's leaves (the decoder's final state).
      let state: LeafMap | undefined;
      decodeBlock(last, (_, leaves) => {
        state = leaves;
        return undefined;
      });
      if (state) rec.encoder.restore(state);
    }
    return rec;
  }

  /** Every kept frame's leaves, oldest first, and the path of each leaf id (timeline scans). */
  walk(visit: (t: number, leaves: LeafMap) => void): void {
    for (const block of this.blocks)
      decodeBlock(block, (f, leaves) => {
        visit(f.t, leaves);
        return undefined;
      });
  }

  pathOf(id: number): readonly string[] | undefined {
    return this.dict.paths[id];
  }

  eventsBetween(from: number, to: number): RecordedEvent[] {
    return this.events.filter((e) => e.t >= from && e.t <= to).map((e) => structuredClone(e));
  }

  /** Index of the last block whose first frame is at or before `t` (before, if strict); -1 when none. */
  private lastBlockStartingBy(t: number, strict = false): number {
    let lo = 0;
    let hi = this.blocks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t0 = this.blocks[mid]?.frames[0]?.t ?? Number.POSITIVE_INFINITY;
      if (t0 < t || (!strict && t0 === t)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private thin(): void {
    while (this.byteSize > this.maxBytes) {
      // The newest block is never thinned: it holds the last frame and is still being appended to.
      const half = Math.min(Math.floor(this.blocks.length / 2), this.blocks.length - 1);
      if (this.prefix < half) {
        if (this.keepEvery === 1) this.keepEvery = 2;
        for (let b = this.prefix; b < half; b++) thinBlock(this.blocks[b] as Block, this.keepEvery);
        this.prefix = half;
      } else if (this.prefix > 0 && this.keepEvery < this.keyframeEvery) {
        this.keepEvery *= 2;
        for (let b = 0; b < this.prefix; b++) thinBlock(this.blocks[b] as Block, this.keepEvery);
      } else if (this.prefix >= 2) {
        const old = this.blocks.slice(0, this.prefix);
        const kept = old.filter((_, b) => b % 2 === 0);
        this.droppedFrames += old.filter((_, b) => b % 2 === 1).reduce((n, b) => n + b.appended, 0);
        this.blocks = [...kept, ...this.blocks.slice(this.prefix)];
        this.prefix = kept.length;
      } else return; // Nothing left to thin: events alone (or one block) exceed the budget.
      this.frameBytes = this.blocks.reduce((n, b) => n + b.bytes, 0);
    }
  }
}
