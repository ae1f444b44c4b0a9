import { useMemo } from 'react';
import { chartSubject } from '../lib/chart-specs.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { UplotChart } from './uplot-chart.js';

/** Throughput, queue depth and latency over the last minutes, for the selection or the whole run. */
export function ChartsTab() {
  const selection = useGraphStore((s) => s.selection);
  const edges = useGraphStore((s) => s.edges);
  const hasRun = useRunStore((s) => s.runId !== null);
  const subject = useMemo(
    () =>
      chartSubject(selection, {
        category: (id) => {
          const kind = useGraphStore.getState().nodes.find((n) => n.id === id)?.data.kind ?? '';
          return useCatalogStore.getState().byKind[kind]?.category ?? 'unknown';
        },
        inputsOf: (id) => edges.filter((e) => e.target === id).map((e) => e.id),
      }),
    [selection, edges],
  );
  return (
    <div className="charts-tab">
      <div className="charts-tab__head">
        <span className="charts-tab__subject" data-testid="chart-subject">
          {subject.label}
        </span>
        <span className="muted">
          {selection?.type === 'node' || selection?.type === 'edge'
            ? 'Select nothing to see the whole run.'
            : 'Select a node or a queue to chart it alone.'}{' '}
          Last 5 minutes.
        </span>
      </div>
      <div className="charts-tab__grid">
        {subject.charts.map((spec) => (
          <UplotChart key={`${subject.label}:${spec.id}`} spec={spec} />
        ))}
        {!hasRun && (
          <div className="charts-tab__empty" data-testid="charts-empty">
            Run the graph to chart its throughput, queue depth and latency over time.
          </div>
        )}
      </div>
    </div>
  );
}
