/**
 * Decodes an untrusted recording's frames once, checking everything `applyFrame` and `fromLeaves`
 * take for granted (block-codec.ts, leaf-paths.ts): the data is `[removed, gap, value, …]` with
 * known ids going up, steps apply to numbers, no leaf sits under another leaf in the same frame
 * (which would make `fromLeaves` write into a number), and each frame is a telemetry frame:
 * `runId`, `seq`, `t` (its stored `t`), `nodes` and `edges`. Linear in the data's size.
 */
import { findPoisonKeys } from '../graph/poison-keys.js';

const FRAME_KEYS = new Set(['runId', 'seq', 't', 'dtMs', 'nodes', 'edges', 'totals']);
/** Top-level keys holding maps: a leaf right there can only be `{}` (none of them). */
const MAP_KEYS = new Set(['nodes', 'edges', 'totals']);

const isEmptyObject = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

export class FrameChecker {
  /** Ids of the dictionary paths that are proper prefixes of each path (mostly none). */
  private readonly ancestors: number[][];
  /** Leaves present under each path now (its descendants). */
  private readonly under: Int32Array;
  private readonly state = new Map<number, unknown>();
  private readonly idOf = new Map<string, number>();
  /** Leaves present now under `nodes` and under `edges`. */
  private nodes = 0;
  private edges = 0;
  /** Set when the dictionary itself holds a path no frame has: every frame is refused. */
  private badPath: string | undefined;

  constructor(private readonly paths: readonly (readonly string[])[]) {
    for (const [id, p] of paths.entries()) this.idOf.set(JSON.stringify(p), id);
    this.ancestors = paths.map((p) => {
      const out: number[] = [];
      for (let n = 0; n < p.length; n++) {
        const id = this.idOf.get(JSON.stringify(p.slice(0, n)));
        if (id !== undefined) out.push(id);
      }
      return out;
    });
    this.under = new Int32Array(paths.length);
    for (const [id, p] of paths.entries()) {
      const head = p[0];
      if (head !== undefined && FRAME_KEYS.has(head) && (MAP_KEYS.has(head) || p.length === 1)) continue;
      this.badPath = `path ${id} (${p.join('.')}) is not in a telemetry frame`;
      break;
    }
  }

  /** A keyframe starts from nothing. */
  startBlock(): void {
    for (const id of [...this.state.keys()]) this.remove(id);
  }

  /** Applies one frame's data; returns what is wrong with it, or undefined. */
  apply(data: string, keyframe: boolean, t: number): string | undefined {
    if (this.badPath !== undefined) return this.badPath;
    let list: unknown;
    try {
      list = JSON.parse(data);
    } catch {
      return 'its data is not JSON';
    }
    if (!Array.isArray(list) || list.length % 2 !== 1) return 'its data is not [removed, gap, value, …]';
    const removed = list[0];
    if (removed !== 0) {
      if (keyframe) return 'a keyframe removes nothing';
      if (!Array.isArray(removed) || removed.length === 0) return 'its removed list is not 0 or ids';
      for (const id of removed) {
        if (!this.isId(id) || !this.state.has(id)) return `it removes ${JSON.stringify(id)}, not a leaf`;
        this.remove(id);
      }
    }
    let id = -1;
    for (let k = 1; k < list.length; k += 2) {
      const gap = list[k];
      const value = list[k + 1];
      if (!Number.isInteger(gap) || gap === 0) return `gap ${JSON.stringify(gap)} is not a non-zero integer`;
      id += Math.abs(gap as number);
      if (!this.isId(id)) return `leaf id ${id} is not in the dictionary`;
      if ((gap as number) < 0) {
        const before = this.state.get(id);
        if (typeof before !== 'number' || typeof value !== 'number')
          return `step at leaf ${id} is not numeric`;
        const sum = before + value;
        if (!Number.isFinite(sum)) return `step at leaf ${id} is not finite`;
        this.state.set(id, sum);
        continue;
      }
      const problem = this.set(id, value);
      if (problem !== undefined) return problem;
    }
    return this.checkFrame(t);
  }

  private checkFrame(t: number): string | undefined {
    const leaf = (name: string) => {
      const id = this.idOf.get(JSON.stringify([name]));
      return id === undefined ? undefined : this.state.get(id);
    };
    if (typeof leaf('runId') !== 'string') return 'the frame has no runId';
    if (typeof leaf('seq') !== 'number') return 'the frame has no seq';
    if (leaf('t') !== t) return `the frame's t is not its stored t (${t})`;
    if (this.nodes === 0) return 'the frame has no nodes';
    if (this.edges === 0) return 'the frame has no edges';
    return undefined;
  }

  private set(id: number, value: unknown): string | undefined {
    const path = this.paths[id] as readonly string[];
    if (typeof value === 'object' && value !== null) {
      if (findPoisonKeys(value, 1).length > 0) return `leaf ${id} holds a forbidden key`;
      if (path.length === 1 && !isEmptyObject(value)) return `leaf ${path[0]} is not a map`;
    } else if (path.length === 1 && MAP_KEYS.has(path[0] as string)) return `leaf ${path[0]} is not a map`;
    if (this.state.has(id)) {
      this.state.set(id, value);
      return undefined;
    }
    for (const a of this.ancestors[id] as number[])
      if (this.state.has(a)) return `leaf ${id} is under leaf ${a} in the same frame`;
    if ((this.under[id] as number) > 0) return `leaf ${id} has leaves under it in the same frame`;
    this.state.set(id, value);
    this.count(id, 1);
    return undefined;
  }

  private remove(id: number): void {
    this.state.delete(id);
    this.count(id, -1);
  }

  private count(id: number, by: number): void {
    for (const a of this.ancestors[id] as number[]) this.under[a] = (this.under[a] ?? 0) + by;
    const head = this.paths[id]?.[0];
    if (head === 'nodes') this.nodes += by;
    else if (head === 'edges') this.edges += by;
  }

  private isId(id: unknown): id is number {
    return Number.isInteger(id) && (id as number) >= 0 && (id as number) < this.paths.length;
  }
}
