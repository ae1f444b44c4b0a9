import { startRun, stopCurrentRun } from '../api/run-lifecycle.js';
import { useRunBlockReason } from '../hooks/use-run-gate.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';

export function RunControls() {
  const blockReason = useRunBlockReason();
  const active = useRunStore((s) => isRunActive(s.phase));
  const stopping = useRunStore((s) => s.pending === 'stop' || s.phase === 'draining');
  return (
    <div className="run-controls">
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
