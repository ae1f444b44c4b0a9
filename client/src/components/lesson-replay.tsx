import { replayFromStart } from '../actions/replay.js';
import { useTimelineStore } from '../stores/timeline-store.js';

/** Recorded run time (ms) before the slow replay is offered: something worth replaying. */
const OFFER_AFTER_MS = 3_000;

/**
 * A lesson that asks for it offers the run again in slow motion, from its start: at 0.1× each
 * item is seen entering and leaving the queue. The run itself goes on; "Live" returns to it.
 */
export function LessonReplay({ speed }: { speed: number }) {
  const ready = useTimelineStore((s) => s.source !== null && s.endT >= OFFER_AFTER_MS);
  if (!ready) return null;
  return (
    <button
      type="button"
      className="btn btn--small btn--ghost lesson__replay"
      data-testid="lesson-replay"
      title="Replay the run from its start in slow motion (the run goes on; Live returns to it)"
      onClick={() => replayFromStart(speed)}
    >
      Replay slowly ({speed}×)
    </button>
  );
}
