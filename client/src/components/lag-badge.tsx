import { useNow } from '../hooks/use-now.js';
import { formatMs } from '../lib/format.js';
import { LAG_BADGE_MS, telemetryLagMs } from '../lib/telemetry-guards.js';
import { useRunStore } from '../stores/run-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';

/**
 * Appears when telemetry frames arrive more than 500 ms late. It reads the frame's arrival time
 * (not the frame) and re-checks four times a second, so it costs nothing while frames are on time.
 */
export function LagBadge() {
  const running = useRunStore((s) => s.phase === 'running');
  const lastFrameAt = useTelemetryStore((s) => s.receivedAt);
  const intervalMs = useTelemetryStore((s) => s.intervalMs);
  const now = useNow(250, running);
  const lag = running ? telemetryLagMs({ now, lastFrameAt, intervalMs }) : 0;
  if (lag <= LAG_BADGE_MS) return null;
  return (
    <span className="lag-badge" data-testid="telemetry-lag" title="Live frames are arriving late">
      telemetry lag {formatMs(lag)}
    </span>
  );
}
