import { leaveWatch } from '../actions/watch-actions.js';
import { stopCurrentRun } from '../api/run-lifecycle.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';

/** A watch page's only controls: leave, and Stop when the page holds the run token. */
export function WatchControls() {
  const role = useRunAccessStore((s) => s.role);
  const phase = useRunStore((s) => s.phase);
  const stopping = useRunStore((s) => s.pending === 'stop');
  return (
    <div className="run-controls">
      <span className="watch-chip" data-testid="watch-chip">
        {role === 'owner' ? 'Your run' : 'Watching · read-only'}
      </span>
      {role === 'owner' && isRunActive(phase) && (
        <button
          type="button"
          className="btn btn--danger btn--small"
          data-testid="stop-button"
          disabled={stopping}
          title="Abort the run now"
          onClick={() => void stopCurrentRun('abort')}
        >
          Stop
        </button>
      )}
      <button
        type="button"
        className="btn btn--ghost btn--small"
        data-testid="leave-watch"
        title="Back to your own graph"
        onClick={leaveWatch}
      >
        Leave
      </button>
    </div>
  );
}
