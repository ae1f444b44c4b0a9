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
 * How the server will use it (not wired yet): one `Recording` per run, `append(frame)` from the
 * telemetry loop beside the socket broadcast, `recordEvent` on status changes and live edits;
 * `GET /api/runs/:runId/frames?from&to` answers with `framesBetween` + `eventsBetween`; after the
 * run ends the recording is kept for the last SLUICE_KEEP_RECORDINGS runs (serialising it to disk
 * or the store is that step's work); `maxBytes` = SLUICE_MAX_RECORDING_MB.
 */
import type { TelemetryFrame } from '../protocol/telemetry.js';
import {
  type Block,
  decodeBlock,
  encodeLeaves,
  type StoredFrame,
  storedSize,
  thinBlock,
} from './block-codec.js';
import { fromLeaves, type LeafMap, PathDictionary, toLeaves, utf8Length } from './leaf-paths.js';

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
  private prev: LeafMap | null = null;
  private lastT = Number.NEGATIVE_INFINITY;
  /** Blocks [0, prefix) are thinned; inside them frames with i % keepEvery = 0 are kept. */
  private prefix = 0;
  private keepEvery = 1;
  /** Frames appended to blocks since dropped by thinning: `thinned.keepEvery` counts them. */
  private droppedFrames = 0;
  private readonly maxBytes: number;
  private readonly keyframeEvery: number;

  constructor(opts: RecordingOptions) {
    if (!(opts.maxBytes > 0)) throw new RangeError('recording: maxBytes must be > 0');
    const k = opts.keyframeEvery ?? 10;
    if (!Number.isInteger(k) || k < 1)
      throw new RangeError('recording: keyframeEvery must be an integer ≥ 1');
    this.maxBytes = opts.maxBytes;
    this.keyframeEvery = k;
  }

  append(frame: TelemetryFrame): void {
    if (!(frame.t >= this.lastT))
      throw new RangeError(`recording: frame t=${frame.t} is before t=${this.lastT}`);
    this.lastT = frame.t;
    const leaves = toLeaves(frame, this.dict);
    let block = this.blocks.at(-1);
    if (block === undefined || block.appended >= this.keyframeEvery) {
      block = { frames: [], appended: 0, bytes: 0 };
      this.blocks.push(block);
      this.prev = null;
    }
    const stored: StoredFrame = { t: frame.t, i: block.appended, data: encodeLeaves(leaves, this.prev) };
    block.frames.push(stored);
    block.appended++;
    block.bytes += storedSize(stored);
    this.frameBytes += storedSize(stored);
    this.prev = leaves;
    if (this.byteSize > this.maxBytes) this.thin();
  }

  /** Events are never thinned; they count in the budget. */
  recordEvent(event: RecordedEvent): void {
    this.events.push(structuredClone(event));
    this.eventBytes += utf8Length(JSON.stringify(event));
    if (this.byteSize > this.maxBytes) this.thin();
  }

  get byteSize(): number {
    return this.frameBytes + this.dict.bytes + this.eventBytes;
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

  /** Frames with from ≤ t ≤ to, oldest first. */
  framesBetween(from: number, to: number): TelemetryFrame[] {
    const out: TelemetryFrame[] = [];
    // A block starting exactly at `from` may follow frames at that same `t`: start one before.
    for (let b = Math.max(0, this.lastBlockStartingBy(from, true)); b < this.blocks.length; b++) {
      const block = this.blocks[b] as Block;
      if ((block.frames[0]?.t ?? Number.POSITIVE_INFINITY) > to) break;
      decodeBlock(block, (f, leaves) => {
        if (f.t > to) return false;
        if (f.t >= from) out.push(fromLeaves(leaves, this.dict) as TelemetryFrame);
      });
    }
    return out;
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
