import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EdgeTelemetry, NodeTelemetry, TelemetryFrame } from '../protocol/telemetry.js';
import { applyFrameDelta, frameDelta, sameJson } from './frame-delta.js';
import { advance, type DeltaCursor, KEYFRAME_EVERY, sendAs } from './keyframes.js';

const edge = (depth: number, extra: Partial<EdgeTelemetry> = {}): EdgeTelemetry => ({
  depth,
  capacity: 64,
  inRate: 10,
  outRate: 10,
  dropped: 0,
  blockedRatio: 0,
  oldestAgeMs: 0,
  etaFullMs: null,
  ...extra,
});
const node = (processed: number, extra: Partial<NodeTelemetry> = {}): NodeTelemetry => ({
  inRate: 5,
  outRate: 5,
  busy: 0.5,
  idle: 0.5,
  backpressured: 0,
  p50Ms: 1,
  p99Ms: 2,
  errors: 0,
  processed,
  ...extra,
});
const frame = (
  seq: number,
  edges: TelemetryFrame['edges'],
  nodes: TelemetryFrame['nodes'],
): TelemetryFrame => ({
  runId: 'r1',
  seq,
  t: seq * 100,
  dtMs: 100,
  edges,
  nodes,
});
const totals = (emitted: number) => ({
  emitted,
  delivered: 0,
  dropped: 0,
  errors: 0,
  rejected: 0,
  deadLettered: 0,
  skipped: 0,
});
/** Through the wire and back, as socket.io would carry it. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('frameDelta / applyFrameDelta', () => {
  it('carries only the entries that changed, and rebuilds the whole frame', () => {
    const a = frame(1, { e1: edge(3), e2: edge(0) }, { n1: node(10), n2: node(0) });
    const b = frame(2, { e1: edge(4), e2: edge(0) }, { n1: node(11), n2: node(0) });
    const d = frameDelta(a, b);
    expect(Object.keys(d.edges)).toEqual(['e1']);
    expect(Object.keys(d.nodes)).toEqual(['n1']);
    expect(d).toMatchObject({ runId: 'r1', seq: 2, t: 200, base: 1 });
    // Only the fields that moved: the rest of the entry is the receiver's own.
    expect(d.edges.e1).toEqual({ depth: 4 });
    expect(d.nodes.n1).toEqual({ processed: 11 });
    expect(applyFrameDelta(a, wire(d))).toEqual(b);
  });

  it('removes the fields an entry lost (unset), and an entry with only that still counts as changed', () => {
    const a = frame(1, { e1: edge(2, { meanWaitMs: 12 }) }, {});
    const b = frame(2, { e1: edge(2) }, {});
    const d = frameDelta(a, b);
    expect(d.unset).toEqual({ edges: { e1: ['meanWaitMs'] } });
    const rebuilt = applyFrameDelta(a, wire(d))!;
    expect(rebuilt).toEqual(b);
    expect('meanWaitMs' in rebuilt.edges.e1!).toBe(false);
  });

  it('names removed entries, adds new ones, and drops top-level fields the new frame lacks', () => {
    const a = { ...frame(1, { e1: edge(1) }, { n1: node(1), n2: node(2) }), totals: totals(1) };
    const b = frame(2, { e9: edge(1) }, { n1: node(1) });
    const d = frameDelta(a, b);
    expect(d.gone).toEqual({ edges: ['e1'], nodes: ['n2'] });
    const rebuilt = applyFrameDelta(a, wire(d))!;
    expect(rebuilt).toEqual(b);
    expect('totals' in rebuilt).toBe(false);
  });

  it('sees a change deep inside an entry (limiter, replicas) and keeps unchanged entries as the same objects', () => {
    const lim = { tokens: 1, capacity: 5, waiting: 0, allowedRate: 1, limitedRate: 0 };
    const a = frame(
      1,
      {},
      {
        n1: node(1, { limiter: lim }),
        n2: node(1, {
          replicas: [
            { runner: 'r', inRate: 1, outRate: 1, busy: 1, idle: 0, backpressured: 0, processed: 1 },
          ],
        }),
      },
    );
    const b = frame(2, {}, { n1: node(1, { limiter: { ...lim, tokens: 2 } }), n2: wire(a.nodes.n2!) });
    const d = frameDelta(a, b);
    expect(Object.keys(d.nodes)).toEqual(['n1']);
    expect(d.nodes.n1).toEqual({ limiter: { ...lim, tokens: 2 } });
    const rebuilt = applyFrameDelta(a, wire(d))!;
    expect(rebuilt.nodes.n2).toBe(a.nodes.n2);
    expect(rebuilt).toEqual(b);
  });

  it('refuses a delta told against another frame or run', () => {
    const a = frame(1, { e1: edge(1) }, {});
    const d = frameDelta(a, frame(2, { e1: edge(2) }, {}));
    expect(applyFrameDelta(frame(0, {}, {}), d)).toBeNull();
    expect(applyFrameDelta({ ...a, runId: 'r2' }, d)).toBeNull();
  });

  it('never writes through a poisoning id', () => {
    const a = frame(1, {}, { n1: node(1) });
    const d = wire(frameDelta(a, frame(2, {}, { n1: node(2) })));
    const hostile = JSON.parse(
      JSON.stringify(d).replace('"nodes":{', '"nodes":{"__proto__":{"polluted":1},'),
    );
    const rebuilt = applyFrameDelta(a, hostile)!;
    expect(Object.getPrototypeOf(rebuilt.nodes)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(rebuilt.nodes)).toEqual(['n1']);
  });

  it('merge(diff(a, b)) deep-equals b for random frames', () => {
    const num = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(0.25, 1.5));
    const edgeArb = fc.record({ depth: num, dropped: num, expired: fc.option(num, { nil: undefined }) });
    const nodeArb = fc.record({ processed: num, errors: num, lim: fc.option(num, { nil: undefined }) });
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
    const side = fc.record({
      edges: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), edgeArb),
      nodes: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), nodeArb),
      totals: fc.option(num, { nil: undefined }),
      ids,
    });
    type Side = typeof side extends fc.Arbitrary<infer T> ? T : never;
    const build = (seq: number, s: Side): TelemetryFrame => {
      const edges = Object.entries(s.edges).map(([id, e]) => [
        id,
        edge(e.depth, { dropped: e.dropped, ...(e.expired === undefined ? {} : { expired: e.expired }) }),
      ]);
      const limiter = (tokens: number) => ({
        tokens,
        capacity: 5,
        waiting: 0,
        allowedRate: 0,
        limitedRate: 0,
      });
      const nodes = Object.entries(s.nodes).map(([id, n]) => [
        id,
        node(n.processed, { errors: n.errors, ...(n.lim === undefined ? {} : { limiter: limiter(n.lim) }) }),
      ]);
      const f = frame(seq, Object.fromEntries(edges), Object.fromEntries(nodes));
      return s.totals === undefined ? f : { ...f, totals: totals(s.totals) };
    };
    fc.assert(
      fc.property(side, side, (x, y) => {
        const a = wire(build(1, x));
        const b = wire(build(2, y));
        expect(applyFrameDelta(a, wire(frameDelta(a, b)))).toEqual(b);
      }),
    );
  });

  it('sameJson treats undefined fields as absent and tells arrays from objects', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });
});

describe('keyframes', () => {
  it('sends a whole frame first, after a skipped frame, and every KEYFRAME_EVERY frames', () => {
    expect(sendAs(undefined, 4)).toBe('full');
    let c: DeltaCursor = advance(undefined, 5, 'full');
    expect(sendAs(c, 4)).toBe('full');
    expect(sendAs(c, undefined)).toBe('full');
    const kinds: string[] = [];
    for (let seq = 6; seq < 6 + 2 * KEYFRAME_EVERY; seq++) {
      const how = sendAs(c, seq - 1);
      kinds.push(how);
      c = advance(c, seq, how);
    }
    expect(kinds.filter((k) => k === 'full')).toHaveLength(2);
    expect(kinds.indexOf('full')).toBe(KEYFRAME_EVERY - 1);
    expect(kinds.lastIndexOf('full')).toBe(2 * KEYFRAME_EVERY - 1);
  });
});
