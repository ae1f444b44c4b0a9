import { leaveWatch } from '../actions/watch-actions.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';

/** On a watch page: whose run this is and what you can do, or why there is nothing to show. */
export function WatchBanner() {
  const error = useRunAccessStore((s) => s.watchError);
  const role = useRunAccessStore((s) => s.role);
  const phase = useRunStore((s) => s.phase);
  const connected = useRunStore((s) => s.connected);
  if (error)
    return (
      <div className="canvas-banner canvas-banner--bad" data-testid="watch-banner" data-state="error">
        <span className="canvas-banner__text">{error}</span>
        <button type="button" className="btn btn--small btn--ghost" onClick={leaveWatch}>
          Leave
        </button>
      </div>
    );
  if (!role) return null;
  const ended = !isRunActive(phase);
  // "Live" would be untrue while the server is lost: the reconnect banner says what is shown.
  if (!ended && !connected) return null;
  return (
    <div
      className="canvas-banner canvas-banner--readonly"
      data-testid="watch-banner"
      data-state={ended ? 'ended' : 'live'}
    >
      <span className="canvas-banner__text">
        {ended ? (
          <>
            <strong>This run has ended</strong> ({phase}). Its last numbers stay on the canvas.
          </>
        ) : role === 'owner' ? (
          <>
            <strong>Your run</strong>, live. The graph is read-only here: leave to edit yours.
          </>
        ) : (
          <>
            <strong>Watching live</strong>: the numbers update as the owner’s run goes. Nothing here can
            change it.
          </>
        )}
      </span>
    </div>
  );
}
