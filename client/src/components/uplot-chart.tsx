import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { ChartSpec } from '../lib/chart-specs.js';
import type { ChartWindow } from '../lib/chart-window.js';
import { compact, formatMs } from '../lib/format.js';
import { legendValues } from '../lib/legend-values.js';
import { loadUplot } from '../lib/load-uplot.js';
import { timeTickLabels, timeTicks } from '../lib/time-axis.js';
import { readWindow, subscribeHistory } from '../stores/telemetry-history.js';
import { useTimelineStore } from '../stores/timeline-store.js';

const AXIS = '#7c8799';
const GRID = '#1e2530';
const FONT = '10.5px ui-monospace, "DejaVu Sans Mono", monospace';
const REDRAW_MS = 250;
const CURSOR = '#fbbf24';
const CURSOR_MS = 100;

function formatter(unit: ChartSpec['unit']): (v: number) => string {
  if (unit === 'rate') return (v) => `${compact(v)}/s`;
  if (unit === 'ms') return (v) => formatMs(v);
  return (v) => compact(v);
}

/** About one time label per this many pixels, so labels never run into each other. */
const PX_PER_TICK = 72;

/** The timeline's cursor (run time, s) or null when live: a vertical line on every chart. */
const cursorSeconds = () => {
  const t = useTimelineStore.getState().cursorT;
  return t === null ? null : t / 1000;
};

/** Draws the timeline cursor over the plot, when the canvas shows the past. */
function drawCursor(u: uPlot): void {
  const t = cursorSeconds();
  if (t === null) return;
  const x = u.valToPos(t, 'x', true);
  if (!(x >= u.bbox.left && x <= u.bbox.left + u.bbox.width)) return;
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = CURSOR;
  ctx.lineWidth = 1.5 * (window.devicePixelRatio || 1);
  ctx.beginPath();
  ctx.moveTo(x, u.bbox.top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  ctx.restore();
}

function options(
  spec: ChartSpec,
  width: number,
  height: number,
  range: () => [number, number],
): uPlot.Options {
  const fmt = formatter(spec.unit);
  return {
    hooks: { draw: [drawCursor] },
    width,
    height: Math.max(60, height),
    // The legend is drawn by the component (one row with the latest values), not by uPlot.
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    scales: {
      // The window's range, not the data's: 30 s reads as 30 s however few samples are in it.
      x: { time: false, range: () => range() },
      // Counts and rates start at zero so a flat line near the top is not read as a big swing.
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.12 : 1] },
    },
    axes: [
      {
        stroke: AXIS,
        font: FONT,
        grid: { stroke: GRID, width: 1 },
        ticks: { show: false },
        // Steps a reader counts in (0.2 s, 1 s, 10 s, 1 min), labelled so no two read alike.
        splits: (u, _axis, min, max) => timeTicks(min, max, Math.max(2, Math.floor(u.width / PX_PER_TICK))),
        values: (_u, vals) => timeTickLabels(vals),
      },
      {
        stroke: AXIS,
        font: FONT,
        size: 56,
        grid: { stroke: GRID, width: 1 },
        ticks: { show: false },
        values: (_u, vals) => vals.map((v) => fmt(v)),
      },
    ],
    series: [
      { label: 'time' },
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.color,
        width: 1.5,
        ...(s.dash ? { dash: s.dash } : {}),
        points: { show: false },
        spanGaps: false,
      })),
    ],
  };
}

/** Draws `spec` into `el` with uPlot and keeps it current; returns what takes it down. */
function mountPlot(
  UPlot: typeof uPlot,
  el: HTMLElement,
  legendEl: HTMLElement | null,
  spec: ChartSpec,
  win: ChartWindow,
): () => void {
  const keys = spec.series.map((s) => s.key);
  const fmt = formatter(spec.unit);
  const values = legendEl ? [...legendEl.querySelectorAll<HTMLElement>('[data-value]')] : [];
  const read = () => readWindow(keys, win, cursorSeconds(), useTimelineStore.getState().ended);
  let shown = read();
  // The x range is read back by e2e tests and screen readers alike: what the axis spans.
  const markRange = () => {
    el.dataset.xMin = shown.range[0].toFixed(1);
    el.dataset.xMax = shown.range[1].toFixed(1);
    el.dataset.firstT = shown.data[0].length > 0 ? shown.data[0][0]!.toFixed(1) : '';
  };
  const plot = new UPlot(
    options(spec, el.clientWidth, el.clientHeight, () => shown.range),
    shown.data,
    el,
  );
  markRange();
  // At the cursor while the canvas shows the past, as the canvas does.
  const writeLegend = (d: ReturnType<typeof read>['data']) => {
    const at = legendValues(d, cursorSeconds());
    values.forEach((v, i) => {
      const x = at[i] ?? null;
      v.textContent = x === null ? '—' : fmt(x);
    });
  };
  writeLegend(shown.data);
  // Redrawn at most REDRAW_MS apart: a 5-minute chart gains nothing from 30 redraws a second,
  // and each costs the canvas its axis text again.
  let pending: number | undefined;
  let lastDraw = 0;
  const redraw = () => {
    pending = undefined;
    lastDraw = performance.now();
    shown = read();
    plot.setData(shown.data);
    markRange();
    writeLegend(shown.data);
  };
  const off = subscribeHistory(() => {
    if (pending !== undefined) return;
    pending = window.setTimeout(redraw, Math.max(0, REDRAW_MS - (performance.now() - lastDraw)));
  });
  // The cursor line moves with the timeline's cursor; a 30 s or 5 min window follows it when
  // it leaves the window (windowRange). At most every CURSOR_MS: a drag moves it at 60 Hz, and
  // each redraw repaints the whole plot.
  let cursorTimer: number | undefined;
  const offCursor = useTimelineStore.subscribe((now, before) => {
    // The run ending changes the range too (an ended run shorter than the window spans it).
    if ((now.cursorT === before.cursorT && now.ended === before.ended) || cursorTimer !== undefined) return;
    cursorTimer = window.setTimeout(() => {
      cursorTimer = undefined;
      const range = shown.range;
      shown = read();
      if (shown.range[0] === range[0] && shown.range[1] === range[1]) plot.redraw(false, false);
      else {
        plot.setData(shown.data);
        markRange();
      }
      writeLegend(shown.data);
    }, CURSOR_MS);
  });
  const resize = new ResizeObserver(() => {
    plot.setSize({ width: el.clientWidth, height: Math.max(60, el.clientHeight) });
  });
  resize.observe(el);
  return () => {
    off();
    offCursor();
    if (cursorTimer !== undefined) clearTimeout(cursorTimer);
    resize.disconnect();
    if (pending !== undefined) clearTimeout(pending);
    plot.destroy();
  };
}

/**
 * One uPlot chart fed from the telemetry history. It redraws at most once per animation frame
 * when a frame was recorded, straight through uPlot, and writes the legend's latest values into
 * the DOM itself: no React render per tick.
 */
export function UplotChart({ spec, win, active }: { spec: ChartSpec; win: ChartWindow; active: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLSpanElement>(null);
  // Before any run or recording there is nothing to plot: uPlot is not even fetched (load-uplot.ts).
  useEffect(() => {
    const el = box.current;
    if (!el || !active) return;
    let unmount: (() => void) | null = null;
    let gone = false;
    loadUplot().then(
      (UPlot) => {
        if (!gone) unmount = mountPlot(UPlot, el, legend.current, spec, win);
      },
      () => undefined,
    );
    return () => {
      gone = true;
      unmount?.();
    };
  }, [spec, win, active]);
  return (
    <figure className="chart" data-testid={`chart-${spec.id}`} data-window={win}>
      <figcaption className="chart__head">
        <span className="chart__title">{spec.title}</span>
        <span className="chart__legend" ref={legend}>
          {spec.series.map((s) => (
            <span key={s.key} className="chart__key">
              <i style={{ background: s.color }} aria-hidden="true" />
              {s.label} <b data-value="">—</b>
            </span>
          ))}
        </span>
      </figcaption>
      <div className="chart__plot" ref={box} />
    </figure>
  );
}
