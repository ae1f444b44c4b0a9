import { useConsoleStore } from './console-store.js';
import { useRunAccessStore } from './run-access-store.js';
import { useRunStore } from './run-store.js';
import { useSinkStore } from './sink-store.js';
import { useTapStore } from './tap-store.js';
import { resetHistory } from './telemetry-history.js';
import { useTelemetryStore } from './telemetry-store.js';
import { useTimelineStore } from './timeline-store.js';
import { useTraceStore } from './trace-store.js';

/** Forgets everything shown about a run: overlays, charts, console, sink items, status. */
export function clearRunView(): void {
  useTelemetryStore.getState().clear();
  useTimelineStore.getState().reset();
  resetHistory();
  useConsoleStore.getState().clear();
  useTapStore.getState().clear();
  useSinkStore.getState().clear();
  useTraceStore.getState().reset(null);
  useRunStore.getState().reset();
  useRunAccessStore.getState().detach();
}

/** Empties the per-run views for a run that is starting (the run store tracks it itself). */
export function startRunView(intervalMs: number): void {
  useTelemetryStore.getState().reset(intervalMs);
  useTimelineStore.getState().reset();
  resetHistory();
  useConsoleStore.getState().clear();
  useTapStore.getState().clear();
  useSinkStore.getState().clear();
  useTraceStore.getState().reset(null);
}
