import { displayItem } from '../../../shared/protocol/display-item.js';
import type { DroppedItem } from '../../../shared/protocol/trace.js';

/** Dropped items an edge remembers for the inspector. */
export const LEDGER_SIZE = 100;

/**
 * The last LEDGER_SIZE items an edge dropped (issue 18), newest last. Only the drop path pays: a
 * drop of n items records at most the last LEDGER_SIZE of them (the older ones would be pushed
 * out at once), and items are cut down for display only when someone reads the ledger.
 */
export class DropLedger {
  private items: unknown[] = [];
  private stamps: number[] = [];
  private policies: string[] = [];
  private depths: number[] = [];
  private next = 0;
  private count = 0;

  /** `items[from, to)` were dropped at run ms `now` under `policy` with `depth` items queued. */
  record(
    items: readonly unknown[],
    from: number,
    to: number,
    now: number,
    policy: string,
    depth: number,
  ): void {
    for (let i = Math.max(from, to - LEDGER_SIZE); i < to; i++) {
      const at = this.next;
      this.items[at] = items[i];
      this.stamps[at] = now;
      this.policies[at] = policy;
      this.depths[at] = depth;
      this.next = (at + 1) % LEDGER_SIZE;
      if (this.count < LEDGER_SIZE) this.count++;
    }
  }

  /** Oldest first; `t` in ms since `startedAt` (the run's start on the same clock). */
  read(startedAt: number): DroppedItem[] {
    const out: DroppedItem[] = [];
    const first = this.count < LEDGER_SIZE ? 0 : this.next;
    for (let k = 0; k < this.count; k++) {
      const i = (first + k) % LEDGER_SIZE;
      out.push({
        t: Math.round((this.stamps[i]! - startedAt) * 1000) / 1000,
        policy: this.policies[i]!,
        depth: this.depths[i]!,
        item: displayItem(this.items[i]),
      });
    }
    return out;
  }
}

/** Of the ledgers kept once a run's thread has ended, at most this many items over all edges. */
export const KEEP_ENDED_LEDGER_ITEMS = 2_000;

/**
 * A run's ledgers as its thread ends (issue 18: the inspector still shows them after the run):
 * the edges that dropped, each its newest items, KEEP_ENDED_LEDGER_ITEMS over all of them.
 *
 * @example finalLedgers([['e1', [drop]]]) // { e1: [drop] }
 */
export function finalLedgers(ledgers: Iterable<[string, DroppedItem[]]>): Record<string, DroppedItem[]> {
  const out: Record<string, DroppedItem[]> = {};
  let room = KEEP_ENDED_LEDGER_ITEMS;
  for (const [edgeId, drops] of ledgers) {
    if (drops.length === 0 || room === 0) continue;
    const kept = drops.slice(-room);
    room -= kept.length;
    out[edgeId] = kept;
  }
  return out;
}
