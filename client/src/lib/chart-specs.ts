import type { Selection } from './selection.js';

/** One line on a chart: a history series key, its legend label and colour. */
export interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  dash?: number[];
}

export interface ChartSpec {
  id: 'throughput' | 'depth' | 'latency';
  title: string;
  unit: 'rate' | 'count' | 'ms';
  series: SeriesSpec[];
}

/**
 * How the throughput chart draws rates: `smoothed` is the server's ≈1 s window; `per-frame` is
 * each frame's own counts over the time it covers (items/s), which shows what the window hides —
 * a token bucket letting 100 items through within 50 ms, then nothing.
 */
export type ChartView = 'smoothed' | 'per-frame';

export interface ChartSubject {
  /** Heading over the charts: "Whole run", "Node worker-1", "Queue e1". */
  label: string;
  charts: ChartSpec[];
}

const C = {
  in: '#60a5fa',
  out: '#34d399',
  drop: '#f87171',
  depth: '#fbbf24',
  cap: '#7c8799',
  p50: '#22d3ee',
  p99: '#a78bfa',
  age: '#f472b6',
};

const PALETTE = ['#fbbf24', '#f472b6', '#22d3ee', '#a78bfa', '#34d399', '#60a5fa'];

/**
 * Which series the three charts show for what is selected: one node, one queue, or the whole run
 * (nothing or several things selected).
 */
export function chartSubject(
  selection: Selection,
  graph: {
    category: (nodeId: string) => string;
    inputsOf: (nodeId: string) => string[];
    /** A labelled node is headed "Node Slow DB (work)" (see namesOf). */
    nameOf?: (nodeId: string) => string;
  },
  view: ChartView = 'smoothed',
): ChartSubject {
  // Per-frame series are recorded beside the smoothed ones under the same key plus `.f`.
  const f = view === 'per-frame' ? '.f' : '';
  const throughput = view === 'per-frame' ? 'Throughput per frame' : 'Throughput (≈1 s average)';
  if (selection?.type === 'edge') {
    const e = selection.id;
    return {
      label: `Queue ${e}`,
      charts: [
        {
          id: 'throughput',
          title: throughput,
          unit: 'rate',
          series: [
            { key: `e:${e}:in${f}`, label: 'in', color: C.in },
            { key: `e:${e}:out${f}`, label: 'out', color: C.out },
            { key: `e:${e}:drops${f}`, label: 'dropped', color: C.drop },
          ],
        },
        {
          id: 'depth',
          title: 'Queue depth',
          unit: 'count',
          series: [
            { key: `e:${e}:depth`, label: 'depth', color: C.depth },
            { key: `e:${e}:cap`, label: 'capacity', color: C.cap, dash: [4, 4] },
          ],
        },
        {
          id: 'latency',
          title: 'Oldest item age',
          unit: 'ms',
          series: [{ key: `e:${e}:age`, label: 'oldest', color: C.age }],
        },
      ],
    };
  }
  if (selection?.type === 'node') {
    const n = selection.id;
    const category = graph.category(n);
    const sink = category === 'sink';
    const inputs = graph.inputsOf(n);
    return {
      label: `Node ${graph.nameOf?.(n) ?? n}`,
      charts: [
        {
          id: 'throughput',
          title: throughput,
          unit: 'rate',
          series: [
            { key: `n:${n}:in${f}`, label: 'in', color: C.in },
            { key: `n:${n}:out${f}`, label: 'out', color: C.out },
          ],
        },
        {
          id: 'depth',
          title:
            inputs.length > 0
              ? 'Input queue depth'
              : category === 'source'
                ? 'Input queue depth (a source has none)'
                : 'Input queue depth (none connected)',
          unit: 'count',
          series: inputs.map((e, i) => ({
            key: `e:${e}:depth`,
            label: e,
            color: PALETTE[i % PALETTE.length]!,
          })),
        },
        {
          id: 'latency',
          title: sink ? 'End-to-end latency' : 'Processing time',
          unit: 'ms',
          series: sink
            ? [
                { key: `n:${n}:e2e50`, label: 'p50', color: C.p50 },
                { key: `n:${n}:e2e99`, label: 'p99', color: C.p99 },
              ]
            : [
                { key: `n:${n}:p50`, label: 'p50', color: C.p50 },
                { key: `n:${n}:p99`, label: 'p99', color: C.p99 },
              ],
        },
      ],
    };
  }
  return {
    label: 'Whole run',
    charts: [
      {
        id: 'throughput',
        title: throughput,
        unit: 'rate',
        series: [
          { key: `run:emitted${f}`, label: 'emitted', color: C.in },
          { key: `run:delivered${f}`, label: 'delivered', color: C.out },
          { key: `run:drops${f}`, label: 'dropped', color: C.drop },
        ],
      },
      {
        id: 'depth',
        title: 'Items queued (all edges)',
        unit: 'count',
        series: [{ key: 'run:depth', label: 'queued', color: C.depth }],
      },
      {
        id: 'latency',
        title: 'End-to-end latency',
        unit: 'ms',
        series: [
          { key: 'run:e2e50', label: 'p50', color: C.p50 },
          { key: 'run:e2e99', label: 'p99', color: C.p99 },
        ],
      },
    ],
  };
}
