import { linkAt } from '../lib/replay-cursor.js';
import { watchUrl } from '../lib/route.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useTelemetryStore } from '../stores/telemetry-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';
import { toast } from '../stores/toast-store.js';

/**
 * The address of this page at the instant shown. A run's link is its watch link when this
 * browser holds one (anyone with it sees the same moment), else this page's own address.
 */
export function momentUrl(): string {
  const s = useTimelineStore.getState();
  const t = s.cursorT ?? useTelemetryStore.getState().liveFrame?.t ?? s.endT;
  const access = useRunAccessStore.getState();
  const base =
    s.source?.type === 'run' && access.runId === s.source.runId && access.watchToken
      ? watchUrl(access.runId, access.watchToken)
      : window.location.href;
  return linkAt(base, t);
}

/** "Copy link to this moment": the instant is read when clicked, so live it is "now". */
export function TimelineLink() {
  const copy = async () => {
    const url = momentUrl();
    try {
      await navigator.clipboard.writeText(url);
      toast('Link to this moment copied', 'good');
    } catch {
      // No clipboard permission: show the link so it can be copied by hand.
      window.prompt('Copy the link to this moment:', url);
    }
  };
  return (
    <button
      type="button"
      className="btn btn--small btn--ghost"
      data-testid="timeline-copy-link"
      title="Copy a link that opens at the instant shown"
      onClick={() => void copy()}
    >
      Copy link
    </button>
  );
}
