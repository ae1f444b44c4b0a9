import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeLabelShape, edgeLabelView } from './edge-label-view.js';
import { nodeMetricsShape, nodeMetricsView } from './node-metrics-view.js';
import { edgeTelemetry, nodeTelemetry } from './test-telemetry.js';

const flags = { sink: false, hasInputs: true, hasOutputs: true };

describe('nodeMetricsView', () => {
  it('says what the card always said', () => {
    const t = nodeTelemetry({
      inRate: 1998,
      outRate: 12_345,
      processed: 40_123,
      p99Ms: 3.2,
      busy: 0.984,
      backpressured: 0.01,
      idle: 0.006,
    });
    const v = nodeMetricsView(t, null, true, flags);
    expect([v.inText, v.outText, v.doneText, v.latency]).toEqual(['1,998/s', '12.3k/s', '40.1k', '3.2 ms']);
    expect([v.bar.busy, v.bar.bp, v.bar.idle]).toEqual(['busy 98%', 'bp 1%', 'idle 1%']);
    expect(v.bar.background).toBe(
      'linear-gradient(to right, var(--busy) 0 98%, var(--bp) 98% 99%, var(--idle) 99% 100%)',
    );
    expect(v.foot).toBeNull();
    expect(nodeMetricsView(undefined, null, true, flags)).toMatchObject({
      inText: '—',
      latency: '—',
      bar: { known: false, title: 'No run yet', busy: 'busy —' },
    });
  });

  it('gives a source no processing latency: it serves nothing', () => {
    const t = nodeTelemetry({ outRate: 2_000, p99Ms: 0 });
    expect(nodeMetricsView(t, null, true, { ...flags, hasInputs: false }).latency).toBe('—');
  });

  it('shows the run averages once it has ended, and sinks their end-to-end latency', () => {
    const t = nodeTelemetry({ inRate: 0, e2eP50Ms: 12, e2eP99Ms: 80 });
    const avg = { inRate: 500, outRate: 0, shares: { busy: 0.5, idle: 0.5, backpressured: 0 } };
    const v = nodeMetricsView(t, avg, false, { ...flags, sink: true, hasOutputs: false });
    expect([v.inText, v.outText, v.latency, v.stale, v.averaged]).toEqual([
      '500/s',
      '—',
      '12 ms / 80 ms',
      true,
      true,
    ]);
    expect(v.bar.title).toBe('Over the run: busy 50% · backpressured 0% · idle 50%');
  });

  it('names errors first, then the first loss', () => {
    expect(nodeMetricsView(nodeTelemetry({ errors: 3, rejected: 9 }), null, true, flags).foot).toEqual({
      kind: 'errors',
      text: '3 err',
      title: undefined,
    });
    expect(nodeMetricsView(nodeTelemetry({ skipped: 2, dropped: 5 }), null, true, flags).foot).toEqual({
      kind: 'loss',
      text: '5 dropped',
      title: 'Discarded by this rate limiter in drop mode',
    });
  });

  // React renders a card only when its shape string changes; the live writes fill in the rest.
  // Whatever the writes cannot change (which rows exist, classes, a tooltip) must be in the shape.
  it('changes its shape whenever what React draws changes', () => {
    const count = fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined });
    const node = fc.option(
      fc.record({ errors: fc.integer({ min: 0, max: 2 }), rejected: count, dropped: count, skipped: count }),
      { nil: undefined },
    );
    const state = fc.record({ node, live: fc.boolean(), avg: fc.boolean() });
    fc.assert(
      fc.property(state, state, (a, b) => {
        const view = (s: typeof a) => {
          const t = s.node ? nodeTelemetry(s.node) : undefined;
          const avg = s.avg ? { inRate: 1, outRate: 1 } : null;
          const v = nodeMetricsView(t, avg, s.live, flags);
          return {
            shape: nodeMetricsShape(t, avg, s.live),
            drawn: [v.stale, v.averaged, v.bar.known, v.foot?.kind, v.foot?.title],
          };
        };
        const [va, vb] = [view(a), view(b)];
        if (va.shape === vb.shape) expect(va.drawn).toEqual(vb.drawn);
      }),
    );
  });
});

describe('edgeLabelView', () => {
  it('says what the gauge always said', () => {
    const t = edgeTelemetry({
      depth: 12,
      capacity: 32,
      dropped: 1_500,
      dropRate: 40,
      offeredRate: 200,
      etaFullMs: 1200,
    });
    const v = edgeLabelView(t, 32, false, true);
    expect([v.depthText, v.level, v.drops?.text, v.drops?.title, v.dropping, v.filling]).toEqual([
      '12/32',
      'green',
      '▼1,500',
      '1,500 dropped in total',
      'dropping 40/s (20%)',
      'full in 1.2 s',
    ]);
    expect(v.bar).toBe('linear-gradient(to right, var(--level) 37.5%, var(--raised) 37.5%)');
    // After the run: no "dropping" or "full in", dimmed.
    expect(edgeLabelView(t, 32, false, false)).toMatchObject({ dropping: null, filling: null, stale: true });
    expect(edgeLabelView(undefined, 16, false, true).depthText).toBe('–/16');
  });

  it('changes its shape whenever what React draws changes', () => {
    const n = fc.integer({ min: 0, max: 2 });
    const edge = fc.option(
      fc.record({
        depth: fc.integer({ min: 0, max: 8 }),
        dropped: n,
        expired: fc.option(n, { nil: undefined }),
        emptied: fc.option(n, { nil: undefined }),
        redelivered: fc.option(n, { nil: undefined }),
        dropRate: fc.option(fc.constantFrom(0, 0.5, 1, 30), { nil: undefined }),
        etaFullMs: fc.option(fc.constantFrom(100, 5000), { nil: null }),
        fused: fc.option(fc.constant(true as const), { nil: undefined }),
      }),
      { nil: undefined },
    );
    const state = fc.record({ edge, live: fc.boolean(), fuse: fc.boolean() });
    fc.assert(
      fc.property(state, state, (a, b) => {
        const view = (s: typeof a) => {
          const t = s.edge ? edgeTelemetry({ ...s.edge, capacity: 8 }) : undefined;
          const v = edgeLabelView(t, 8, s.fuse, s.live);
          return {
            shape: edgeLabelShape(t, s.fuse, s.live),
            drawn: [
              v.fused,
              v.level,
              v.stale,
              !!v.drops,
              !!v.expired,
              !!v.emptied,
              !!v.redelivered,
              !!v.dropping,
              !!v.filling,
            ],
          };
        };
        const [va, vb] = [view(a), view(b)];
        if (va.shape === vb.shape) expect(va.drawn).toEqual(vb.drawn);
      }),
    );
  });
});
