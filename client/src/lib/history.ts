import type { QueueEdge, SluiceNode } from './flow-types.js';
import type { CanvasGroup } from './group-model.js';
import type { CanvasNote } from './note-types.js';

/** One undo step: the graph as it was. Arrays are shared with the store (they are immutable). */
export interface Snapshot {
  name: string;
  nodes: SluiceNode[];
  edges: QueueEdge[];
  groups: CanvasGroup[];
  notes: CanvasNote[];
}

export interface History {
  past: Snapshot[];
  future: Snapshot[];
}

/** At least 100 steps (the brief); kept a little deeper so a burst of edits does not lose the start. */
export const HISTORY_LIMIT = 200;
/** Edits with the same key closer together than this are one step (typing "2000", a slider drag). */
export const COALESCE_MS = 1_000;

export const EMPTY_HISTORY: History = { past: [], future: [] };

/**
 * Decides whether an edit starts a new undo step. Consecutive edits with the same key within
 * COALESCE_MS are folded into the step the first one opened, so typing a number or dragging a
 * slider undoes in one go; an edit without a key always opens a step.
 *
 * @example
 * const c = new Coalescer();
 * c.opensStep('param:w:rate', 0)   // true
 * c.opensStep('param:w:rate', 300) // false (same key, soon after)
 * c.opensStep(undefined, 400)      // true
 */
export class Coalescer {
  private key: string | null = null;
  private at = Number.NEGATIVE_INFINITY;

  opensStep(key: string | undefined, now: number): boolean {
    const same = key !== undefined && key === this.key && now - this.at < COALESCE_MS;
    this.key = key ?? null;
    this.at = now;
    return !same;
  }

  /** The next edit opens a step whatever its key (after undo, redo, load). */
  reset(): void {
    this.key = null;
  }
}

/** The history after recording `before` as a new step; the redo list is dropped. */
export function record(h: History, before: Snapshot): History {
  const past = h.past.length >= HISTORY_LIMIT ? h.past.slice(1 - HISTORY_LIMIT) : h.past.slice();
  past.push(before);
  return { past, future: [] };
}

/** Steps back: returns the snapshot to show and the new history, or null when there is none. */
export function undo(h: History, current: Snapshot): { show: Snapshot; history: History } | null {
  const show = h.past[h.past.length - 1];
  if (!show) return null;
  return { show, history: { past: h.past.slice(0, -1), future: [current, ...h.future] } };
}

export function redo(h: History, current: Snapshot): { show: Snapshot; history: History } | null {
  const [show, ...rest] = h.future;
  if (!show) return null;
  return { show, history: { past: [...h.past, current], future: rest } };
}

/** True when two snapshots place every node at the same spot (a click that did not drag). */
export function samePositions(a: readonly SluiceNode[], b: readonly SluiceNode[]): boolean {
  if (a.length !== b.length) return false;
  const at = new Map(a.map((n) => [n.id, n.position]));
  return b.every((n) => {
    const p = at.get(n.id);
    return p !== undefined && p.x === n.position.x && p.y === n.position.y;
  });
}

/** True when two snapshots hold the same notes in the same places (selecting one is no edit). */
export function sameNotes(a: readonly CanvasNote[], b: readonly CanvasNote[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((n, i) => {
    const m = b[i]!;
    return (
      n.id === m.id &&
      n.text === m.text &&
      n.width === m.width &&
      n.height === m.height &&
      n.position.x === m.position.x &&
      n.position.y === m.position.y
    );
  });
}
