import { startRun, stopCurrentRun, togglePause } from '../api/run-lifecycle.js';
import { useRunBlockReason } from '../hooks/use-run-gate.js';
import { isRunActive } from '../lib/run-gate.js';
import { TELEMETRY_RATES, useRunStore } from '../stores/run-store.js';
import { KeepRunningToggle } from './keep-running-toggle.js';

/** Run, pause / resume, drain and stop, and the telemetry rate. Each button says why when it is disabled. */
export function RunControls() {
  const blockReason = useRunBlockReason();
  const phase = useRunStore((s) => s.phase);
  const hz = useRunStore((s) => s.telemetryHz);
  const setHz = useRunStore((s) => s.setTelemetryHz);
  const stopping = useRunStore((s) => s.pending === 'stop') || phase === 'draining';
  const active = isRunActive(phase);
  const canPause = phase === 'running' || phase === 'paused';
  return (
    <div className="run-controls">
      <KeepRunningToggle />
      <label className="hz-select" title="Telemetry frames per second for the next run">
        <select
          className="hz-select__input"
          data-testid="telemetry-hz"
          aria-label="Telemetry rate"
          value={hz}
          disabled={active}
          onChange={(e) => setHz(Number(e.target.value))}
        >
          {TELEMETRY_RATES.map((r) => (
            <option key={r} value={r}>
              {r} Hz
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        data-testid="pause-button"
        disabled={!canPause}
        title={canPause ? (phase === 'paused' ? 'Resume the run' : 'Pause every node') : 'No run to pause'}
        onClick={() => void togglePause()}
      >
        {phase === 'paused' ? 'Resume' : 'Pause'}
      </button>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        data-testid="drain-button"
        disabled={!active || stopping}
        title={active ? 'Stop the sources and let the queues empty' : 'No run in progress'}
        onClick={() => void stopCurrentRun('drain')}
      >
        Drain
      </button>
      <button
        type="button"
        className="btn btn--primary"
        data-testid="run-button"
        disabled={blockReason !== null}
        title={blockReason ?? 'Run this graph on the server (Ctrl+Enter)'}
        onClick={() => void startRun()}
      >
        <span className="btn__glyph" aria-hidden="true">
          ▶
        </span>
        Run
      </button>
      <button
        type="button"
        className="btn btn--danger"
        data-testid="stop-button"
        disabled={!active || stopping}
        title={active ? 'Abort the run now' : 'No run in progress'}
        onClick={() => void stopCurrentRun('abort')}
      >
        <span className="btn__glyph" aria-hidden="true">
          ■
        </span>
        Stop
      </button>
    </div>
  );
}
