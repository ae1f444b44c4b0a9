import type uPlot from 'uplot';

let loading: Promise<typeof uPlot> | null = null;

/**
 * uPlot and its style sheet, fetched the first time a chart has something to plot: the page
 * opens without them (about 50 kB less to load before the editor answers, e2e/perf/RESULTS.md).
 * A failed fetch is tried again by the next chart.
 */
export function loadUplot(): Promise<typeof uPlot> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
    ([m]) => m.default,
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}
