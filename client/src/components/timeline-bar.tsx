import { goLive, setSpeed, stepFrame, togglePlay } from '../actions/replay.js';
import { formatSeconds, SPEEDS } from '../lib/replay-cursor.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { SaveRecordingButton } from './save-recording-button.js';
import { TimelineLink } from './timeline-link.js';
import { TimelineTrack } from './timeline-track.js';

/**
 * Under the canvas while there is a run or a recording: the whole run as a sparkline with its
 * events, a cursor that puts the canvas at any instant, replay controls and "Live".
 */
export function TimelineBar() {
  const has = useTimelineStore((s) => s.source !== null);
  if (!has) return null;
  return <TimelineBody />;
}

function TimelineBody() {
  const cursorT = useTimelineStore((s) => s.cursorT);
  const endT = useTimelineStore((s) => s.endT);
  const playing = useTimelineStore((s) => s.playing);
  const speed = useTimelineStore((s) => s.speed);
  const saved = useTimelineStore((s) => s.source?.type === 'saved');
  const ended = useTimelineStore((s) => s.ended);
  const loading = useTimelineStore((s) => s.loading);
  const error = useTimelineStore((s) => s.error);
  const thinned = useTimelineStore((s) => s.thinned);
  const live = cursorT === null;
  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline of the run">
      <div className="timeline__controls">
        <button
          type="button"
          className="icon-btn timeline__play"
          data-testid="timeline-play"
          aria-pressed={playing}
          title={playing ? 'Pause the replay' : 'Replay from here (from the start when live)'}
          onClick={togglePlay}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="timeline-step-back"
          title="One frame back (←)"
          onClick={() => stepFrame(-1)}
        >
          ‹
        </button>
        <button
          type="button"
          className="icon-btn"
          data-testid="timeline-step-forward"
          title="One frame forward (→)"
          disabled={live}
          onClick={() => stepFrame(1)}
        >
          ›
        </button>
        <select
          className="hz-select__input timeline__speed"
          data-testid="timeline-speed"
          aria-label="Replay speed"
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <span className="timeline__time mono" data-testid="timeline-time">
          {live ? 'live' : formatSeconds(cursorT)}
          <span className="muted"> / {formatSeconds(endT)}</span>
        </span>
        {loading && <span className="timeline__note muted">loading…</span>}
        {error && (
          <span className="timeline__note timeline__note--bad" title={error} data-testid="timeline-error">
            history unavailable
          </span>
        )}
        {thinned && (
          <span
            className="timeline__note muted"
            title={`Before ${formatSeconds(thinned.beforeT)} one frame in ${thinned.keepEvery} was kept`}
          >
            thinned
          </span>
        )}
      </div>
      <TimelineTrack />
      <div className="timeline__controls timeline__controls--end">
        <TimelineLink />
        <SaveRecordingButton />
        {!saved && !ended && (
          <button
            type="button"
            className={`btn btn--small ${live ? 'btn--ghost' : 'btn--accent'}`}
            data-testid="timeline-live"
            title="Back to the run as it is now"
            disabled={live}
            onClick={goLive}
          >
            Live
          </button>
        )}
      </div>
    </section>
  );
}
