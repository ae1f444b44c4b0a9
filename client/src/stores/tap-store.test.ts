import { beforeEach, describe, expect, it } from 'vitest';
import { TAP_LIMIT, tapMessageOf, useTapStore } from './tap-store.js';

describe('tap store', () => {
  beforeEach(() => useTapStore.getState().clear());

  it('keeps the last TAP_LIMIT sampled items across taps and adds up what went by unsampled', () => {
    const items = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => ({ t: from + i, item: { id: from + i } }));
    useTapStore.getState().add({ runId: 'r', edgeId: 'a', items: items(300), sampledOut: 7 });
    useTapStore.getState().add({ runId: 'r', edgeId: 'b', items: items(300, 300), sampledOut: 5 });
    useTapStore.getState().add({ runId: 'r', edgeId: 'a', items: [], sampledOut: 1 });
    const s = useTapStore.getState();
    expect(s.rows).toHaveLength(TAP_LIMIT);
    expect(s.rows.at(-1)).toMatchObject({ edgeId: 'b', t: 599 });
    expect(s.rows[0]!.t).toBe(600 - TAP_LIMIT);
    expect(s.received).toBe(600);
    expect(s.sampledOut).toEqual({ a: 8, b: 5 });
  });

  it('refuses payloads that are not a tap message, or name a prototype key as the edge', () => {
    expect(tapMessageOf({ runId: 'r', edgeId: 'e', items: [{ t: 1, item: 2 }], sampledOut: 0 })).toEqual({
      runId: 'r',
      edgeId: 'e',
      items: [{ t: 1, item: 2 }],
      sampledOut: 0,
    });
    expect(tapMessageOf({ runId: 'r', edgeId: '__proto__', items: [], sampledOut: 0 })).toBeUndefined();
    expect(tapMessageOf({ runId: 'r', edgeId: 'e', items: [{ item: 2 }], sampledOut: 0 })).toBeUndefined();
    expect(tapMessageOf({ runId: 'r', edgeId: 'e', items: [], sampledOut: -1 })).toBeUndefined();
    expect(tapMessageOf(null)).toBeUndefined();
  });
});
