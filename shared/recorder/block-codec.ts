/**
 * One block of a recording: a keyframe (every leaf) followed by deltas (only the leaves that
 * changed since the previous stored frame, `~id` for a leaf that went away). A block decodes on
 * its own, so reading any instant costs at most one block, and thinning re-encodes one block
 * without touching the others.
 */
import { type LeafMap, sameLeaf, utf8Length } from './leaf-paths.js';

export interface StoredFrame {
  t: number;
  /** Index of this frame among those appended to its block (before any thinning). */
  i: number;
  /** JSON `[id, value, id, value, ~removedId, …]`. */
  data: string;
}

export interface Block {
  frames: StoredFrame[];
  /** Frames appended to the block, thinned or not: decides when the next keyframe is due. */
  appended: number;
  bytes: number;
}

/** Per stored frame, beside its data: `t`, `i` and the object itself (an honest estimate). */
const FRAME_OVERHEAD = 24;

export const storedSize = (f: StoredFrame): number => utf8Length(f.data) + FRAME_OVERHEAD;

/**
 * `[removed, gap, value, gap, value, …]`: `removed` is 0 or the ids of leaves gone since `prev`;
 * ids go up, each written as the gap from the one before (mostly 1). A negative gap means the value
 * is an integer step from the previous value (counters, depths, `t`, `seq`): "+51" not "30563".
 * `prev` null → a keyframe: every leaf, absolute.
 */
export function encodeLeaves(leaves: LeafMap, prev: LeafMap | null): string {
  // Built as a string, not an array to stringify: this runs on every frame of every run (≈12k
  // leaves for 500 nodes), beside the telemetry broadcast.
  let removed: number[] | null = null;
  if (prev !== null)
    for (const id of prev.keys()) {
      if (leaves.has(id)) continue;
      removed ??= [];
      removed.push(id);
    }
  let out = removed === null ? '[0' : `[${JSON.stringify(removed)}`;
  let last = -1;
  for (const id of idsInOrder(leaves)) {
    const value = leaves.get(id);
    let step: number | undefined;
    if (prev?.has(id)) {
      const before = prev.get(id);
      if (sameLeaf(before, value)) continue;
      step = intStep(before, value);
    }
    out += step === undefined ? `,${id - last},${jsonLeaf(value)}` : `,${last - id},${step}`;
    last = id;
  }
  return `${out}]`;
}

/** The dictionary numbers paths in walk order, so a frame's ids are nearly always increasing already. */
function idsInOrder(leaves: LeafMap): Iterable<number> {
  let last = -1;
  for (const id of leaves.keys()) {
    if (id < last) return [...leaves.keys()].sort((x, y) => x - y);
    last = id;
  }
  return leaves.keys();
}

export const jsonLeaf = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? 'null');

const POW10 = Array.from({ length: 17 }, (_, k) => 10 ** k);

/** Characters of a safe integer written out (String(n).length without the string). */
function intLength(n: number): number {
  const a = Math.abs(n);
  let k = 1;
  while (k < 16 && a >= (POW10[k] as number)) k++;
  return n < 0 ? k + 1 : k;
}

/** v − p when both are safe integers and the step is shorter to write than v (and exact). */
export function intStep(p: unknown, v: unknown): number | undefined {
  if (
    typeof p !== 'number' ||
    typeof v !== 'number' ||
    !Number.isSafeInteger(p) ||
    !Number.isSafeInteger(v)
  ) {
    return undefined;
  }
  const d = v - p;
  return Number.isSafeInteger(d) && intLength(d) < intLength(v) ? d : undefined;
}

/** Applies one stored frame to `state` (the leaves of the frame before it; empty at a keyframe). */
export function applyFrame(state: LeafMap, data: string): void {
  const list = JSON.parse(data) as unknown[];
  if (list[0] !== 0) for (const id of list[0] as number[]) state.delete(id);
  let id = -1;
  for (let k = 1; k < list.length; k += 2) {
    const gap = list[k] as number;
    const value = list[k + 1];
    if (gap > 0) {
      id += gap;
      state.set(id, value);
    } else {
      id -= gap;
      state.set(id, (state.get(id) as number) + (value as number));
    }
  }
}

/**
 * Walks a block's frames in order, calling `visit` with each one's full leaves. `visit` must copy
 * what it keeps: the map is reused.
 */
export function decodeBlock(
  block: Block,
  visit: (f: StoredFrame, leaves: LeafMap) => boolean | undefined,
): void {
  const state: LeafMap = new Map();
  for (const f of block.frames) {
    applyFrame(state, f.data);
    if (visit(f, state) === false) return;
  }
}

/** Keeps the frames whose block index is a multiple of `keepEvery` (the keyframe, i = 0, always). */
export function thinBlock(block: Block, keepEvery: number): void {
  const kept: StoredFrame[] = [];
  let prev: LeafMap | null = null;
  decodeBlock(block, (f, leaves) => {
    if (f.i % keepEvery !== 0) return;
    kept.push({ t: f.t, i: f.i, data: encodeLeaves(leaves, prev) });
    prev = new Map(leaves);
  });
  block.frames = kept;
  block.bytes = kept.reduce((n, f) => n + storedSize(f), 0);
}
