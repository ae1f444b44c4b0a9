import { type KindName, kinds } from '../../../shared/catalog/catalog.js';
import type { ParamsOf } from '../../../shared/catalog/define-kind.js';
import type { Clock } from '../clock.js';
import type { Emit, Item, NodeContext } from '../node-behavior.js';
import { seededRandom } from '../random.js';
import { FakeClock } from './fake-clock.js';

/**
 * A node's context as the runtime builds it: params validated by the kind's schema (defaults
 * filled in), a fake clock, seeded random numbers.
 *
 * @example const map = createMap(contextFor('map', { expression: 'value * 2' }));
 */
export function contextFor<K extends KindName>(
  kind: K,
  params: Record<string, unknown> = {},
  clock: Clock = new FakeClock(),
): NodeContext<ParamsOf<(typeof kinds)[K]>> {
  const parsed = kinds[kind].params.parse(params) as ParamsOf<(typeof kinds)[K]>;
  return { nodeId: kind, params: parsed, clock, random: seededRandom(7) };
}

/** Appends items to a per-key list, creating it on first use. */
export function appendTo(lists: Record<string, Item[]>, key: string, items: readonly Item[]): void {
  const list = lists[key];
  if (list) list.push(...items);
  else lists[key] = [...items];
}

/** An `emit` that keeps what a behaviour emits, per port, in order. */
export function collector(): { emit: Emit; out: Record<string, Item[]>; take(port?: string): Item[] } {
  const out: Record<string, Item[]> = {};
  const emit: Emit = (port, item) => appendTo(out, port, [item]);
  return {
    emit,
    out,
    take(port = 'out') {
      const items = out[port] ?? [];
      out[port] = [];
      return items;
    },
  };
}
