import { useMemo } from 'react';
import { nodeName } from '../../../shared/analysis/node-names.js';
import { type ChartView, chartSubject } from '../lib/chart-specs.js';
import { CHART_WINDOWS } from '../lib/chart-window.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { CsvExportButton } from './csv-export-button.js';
import { UplotChart } from './uplot-chart.js';

const VIEWS: ReadonlyArray<[ChartView, string, string]> = [
  ['per-frame', 'per frame', 'Each frame’s own counts as items/s: bursts shorter than a second show'],
  ['smoothed', '1 s average', 'Rates over the last second, as on the canvas: steadier, hides short bursts'],
];

/** Throughput, queue depth and latency over the last minutes, for the selection or the whole run. */
export function ChartsTab() {
  const selection = useGraphStore((s) => s.selection);
  const edges = useGraphStore((s) => s.edges);
  const selectedLabel = useGraphStore((s) => {
    const sel = s.selection;
    return sel?.type === 'node' ? s.nodes.find((n) => n.id === sel.id)?.data.label : undefined;
  });
  const hasRun = useRunStore((s) => s.runId !== null);
  const replaying = useRecordingPageStore((s) => s.slug !== null);
  // Rate limiters shape traffic within a second (a burst of 100 in 50 ms): the ≈1 s average
  // hides exactly that, so a graph with one starts on the per-frame view. The user's pick wins.
  const hasLimiter = useGraphStore((s) => s.nodes.some((n) => n.data.kind === 'rate-limit'));
  const picked = useUiStore((s) => s.chartView);
  const win = useUiStore((s) => s.chartWindow);
  const view: ChartView = picked ?? (hasLimiter ? 'per-frame' : 'smoothed');
  const subject = useMemo(
    () =>
      chartSubject(
        selection,
        {
          category: (id) => {
            const kind = useGraphStore.getState().nodes.find((n) => n.id === id)?.data.kind ?? '';
            return useCatalogStore.getState().byKind[kind]?.category ?? 'unknown';
          },
          inputsOf: (id) => edges.filter((e) => e.target === id).map((e) => e.id),
          nameOf: (id) => nodeName(id, selectedLabel),
        },
        view,
      ),
    [selection, edges, view, selectedLabel],
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
            : 'Select a node or a queue to chart it alone.'}
        </span>
        <fieldset className="segmented" data-testid="chart-window" aria-label="Time window">
          {CHART_WINDOWS.map(([w, label, title]) => (
            <button
              key={w}
              type="button"
              className={`segmented__option${w === win ? ' is-active' : ''}`}
              aria-pressed={w === win}
              data-testid={`chart-window-${w}`}
              title={title}
              onClick={() => useUiStore.getState().setChartWindow(w)}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <fieldset className="segmented" data-testid="chart-view" aria-label="Throughput">
          {VIEWS.map(([v, label, title]) => (
            <button
              key={v}
              type="button"
              className={`segmented__option${v === view ? ' is-active' : ''}`}
              aria-pressed={v === view}
              data-testid={`chart-view-${v}`}
              title={title}
              onClick={() => useUiStore.getState().setChartView(v)}
            >
              {label}
            </button>
          ))}
        </fieldset>
        <CsvExportButton />
      </div>
      <div className="charts-tab__grid">
        {subject.charts.map((spec) => (
          <UplotChart
            key={`${subject.label}:${spec.id}`}
            spec={spec}
            win={win}
            active={hasRun || replaying}
          />
        ))}
        {!hasRun && !replaying && (
          <div className="charts-tab__empty" data-testid="charts-empty">
            Run the graph to chart its throughput, queue depth and latency over time.
          </div>
        )}
      </div>
    </div>
  );
}
