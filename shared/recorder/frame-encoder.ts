/**
 * `encodeLeaves(leaves, prev)` for frames as they are appended, without a Map per frame: the
 * previous frame's values live in an array indexed by leaf id, and which ids it had in a
 * generation mark. The output is the same string, byte for byte (frame-encoder.test.ts).
 */
import { intStep, jsonLeaf } from './block-codec.js';
import { type LeafMap, type PathDictionary, sameLeaf } from './leaf-paths.js';

export class FrameEncoder {
  /** The previous frame's value of each leaf id it had. */
  private readonly values: unknown[] = [];
  /** `mark[id] === prevGen`: the previous frame had that leaf. */
  private readonly mark: number[] = [];
  private prevGen = -1;
  private gen = 0;
  /** The previous frame's ids in its walk order (the order `removed` lists them in). */
  private prevIds: number[] = [];
  private ids: number[] = [];
  private readonly vals: unknown[] = [];

  constructor(private readonly dict: PathDictionary) {}

  /** The next frame is a keyframe: every leaf, absolute. */
  reset(): void {
    this.prevGen = -1;
    this.prevIds = [];
  }

  /** Goes on after `leaves` (a recording read back from its stored form). */
  restore(leaves: LeafMap): void {
    this.reset();
    const gen = ++this.gen;
    for (const [id, v] of leaves) {
      this.values[id] = v;
      this.mark[id] = gen;
      this.prevIds.push(id);
    }
    this.prevGen = gen;
  }

  encode(frame: unknown): string {
    const { ids, vals, values, mark, prevGen } = this;
    this.dict.collect(frame, ids, vals);
    const gen = ++this.gen;
    let order: number[] | null = null; // positions in id order, when the walk's is not
    for (let k = 1; k < ids.length; k++)
      if ((ids[k] as number) < (ids[k - 1] as number)) {
        order = ids.map((_, i) => i).sort((a, b) => (ids[a] as number) - (ids[b] as number));
        break;
      }
    let body = '';
    let last = -1;
    for (let k = 0; k < ids.length; k++) {
      const at = order === null ? k : (order[k] as number);
      const id = ids[at] as number;
      const value = vals[at];
      const had = mark[id] === prevGen;
      const before = values[id];
      mark[id] = gen;
      values[id] = value;
      let step: number | undefined;
      if (had) {
        if (sameLeaf(before, value)) continue;
        step = intStep(before, value);
      }
      body += step === undefined ? `,${id - last},${jsonLeaf(value)}` : `,${last - id},${step}`;
      last = id;
    }
    let removed: number[] | null = null;
    for (const id of this.prevIds)
      if (mark[id] === prevGen) {
        removed ??= [];
        removed.push(id);
      }
    this.prevGen = gen;
    // This frame's ids become the previous ones; the old list is reused for the next collect.
    this.ids = this.prevIds;
    this.prevIds = ids;
    return `${removed === null ? '[0' : `[${JSON.stringify(removed)}`}${body}]`;
  }
}
