import { formatClock } from '../lib/format.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/** The run's own clock, from the latest frame's `t` (ms since the run started). */
export function RunClock() {
  const t = useTelemetryStore((s) => s.frame?.t);
  return <span className="status-bar__clock mono">{t === undefined ? '0:00' : formatClock(t)}</span>;
}
