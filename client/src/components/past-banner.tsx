import { goLive } from '../actions/replay.js';
import { formatSeconds } from '../lib/replay-cursor.js';
import { useTimelineStore } from '../stores/timeline-store.js';

/**
 * Over the canvas while the timeline's cursor is set: the canvas shows the past, and how far
 * behind the run it is. During a run, "Live" goes back to now.
 */
export function PastBanner() {
  const cursorT = useTimelineStore((s) => s.cursorT);
  const endT = useTimelineStore((s) => s.endT);
  const running = useTimelineStore((s) => s.source?.type === 'run' && !s.ended);
  const playing = useTimelineStore((s) => s.playing);
  const speed = useTimelineStore((s) => s.speed);
  if (cursorT === null) return null;
  return (
    <div
      className={`canvas-banner canvas-banner--past${running ? '' : ' is-ended'}`}
      data-testid="past-banner"
      role="status"
    >
      <span className="past-badge">{playing ? `replay ${speed}×` : 'past'}</span>
      <span className="canvas-banner__text">
        Showing <b className="mono">{formatSeconds(cursorT)}</b>
        {running ? (
          <>
            {' '}
            — the run is at <b className="mono">{formatSeconds(endT)}</b>
          </>
        ) : (
          <> of {formatSeconds(endT)}</>
        )}
      </span>
      {running && (
        <button type="button" className="btn btn--small btn--accent" data-testid="past-live" onClick={goLive}>
          Live
        </button>
      )}
    </div>
  );
}
