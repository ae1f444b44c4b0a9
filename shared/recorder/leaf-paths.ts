/**
 * A frame as a flat list of leaves, each named by a small integer: the recording stores
 * `[id, value, …]` instead of nested JSON, so a node's field names cost nothing per frame.
 * A leaf is a primitive, an array (kept whole: replica lists are short and rare) or an empty
 * object; `undefined` means absent, as on the wire (frames arrive as JSON).
 */

export type LeafMap = Map<number, unknown>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A path in the dictionary: its id once it has been a leaf, and the paths under it. */
interface PathNode {
  id: number;
  children: Map<string, PathNode> | null;
}

/** Every path seen in a recording, once. Never thinned: ids in kept frames must stay valid. */
export class PathDictionary {
  // A trie, not a Map of joined strings: no string built per leaf per frame (500 nodes ≈ 12k leaves).
  private readonly root: PathNode = { id: -1, children: null };
  readonly paths: string[][] = [];
  /** Encoded size of the dictionary (its paths as JSON), counted in the recording's budget. */
  bytes = 0;

  idOf(path: string[]): number {
    let node = this.root;
    for (const k of path) node = child(node, k);
    return this.idAt(node, path);
  }

  /** The leaves of `value`, keyed by their dictionary ids. */
  leavesOf(value: unknown): LeafMap {
    const out: LeafMap = new Map();
    const path: string[] = [];
    const walk = (v: unknown, node: PathNode): void => {
      if (isPlainObject(v)) {
        let any = false;
        for (const k of Object.keys(v)) {
          if (v[k] === undefined) continue;
          any = true;
          path.push(k);
          walk(v[k], child(node, k));
          path.pop();
        }
        if (any) return;
      }
      out.set(this.idAt(node, path), v);
    };
    walk(value, this.root);
    return out;
  }

  /**
   * The leaves of `value` into `ids` and `values` (cleared first), in walk order: what
   * `leavesOf` gives, without a Map (the recorder's per-frame path, frame-encoder.ts).
   */
  collect(value: unknown, ids: number[], values: unknown[]): void {
    ids.length = 0;
    values.length = 0;
    const path: string[] = [];
    const walk = (v: unknown, node: PathNode): void => {
      if (isPlainObject(v)) {
        let any = false;
        for (const k of Object.keys(v)) {
          const c = v[k];
          if (c === undefined) continue;
          any = true;
          path.push(k);
          walk(c, child(node, k));
          path.pop();
        }
        if (any) return;
      }
      ids.push(node.id < 0 ? this.idAt(node, path) : node.id);
      values.push(v);
    };
    walk(value, this.root);
  }

  private idAt(node: PathNode, path: string[]): number {
    if (node.id < 0) {
      node.id = this.paths.length;
      this.paths.push([...path]);
      this.bytes += utf8Length(JSON.stringify(path)) + 1;
    }
    return node.id;
  }
}

function child(node: PathNode, k: string): PathNode {
  node.children ??= new Map();
  let next = node.children.get(k);
  if (next === undefined) {
    next = { id: -1, children: null };
    node.children.set(k, next);
  }
  return next;
}

/** The leaves of `value`, keyed by their dictionary ids. */
export const toLeaves = (value: unknown, dict: PathDictionary): LeafMap => dict.leavesOf(value);

/** Rebuilds a fresh object from leaves (nothing shared with the recording's own state). */
export function fromLeaves(leaves: LeafMap, dict: PathDictionary): unknown {
  const root: Record<string, unknown> = {};
  for (const [id, value] of leaves) {
    const path = dict.paths[id];
    if (path === undefined) throw new Error(`recording: unknown path id ${id}`);
    if (path.length === 0) return copy(value);
    let at = root;
    for (let i = 0; i < path.length - 1; i++) {
      const k = path[i] as string;
      if (!Object.hasOwn(at, k)) define(at, k, {});
      at = at[k] as Record<string, unknown>;
    }
    define(at, path[path.length - 1] as string, copy(value));
  }
  return root;
}

/** Same leaf value: arrays and empty objects compare by content. */
export function sameLeaf(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

// defineProperty, not assignment: a node called `__proto__` must stay an own key.
function define(o: Record<string, unknown>, k: string, value: unknown): void {
  Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
}

const copy = (v: unknown): unknown => (typeof v === 'object' && v !== null ? structuredClone(v) : v);

/** UTF-8 size of a string without TextEncoder allocations (counts surrogate pairs as 4). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
