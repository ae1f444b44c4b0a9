import { saveCurrentRecording } from '../actions/recording-actions.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useTimelineStore } from '../stores/timeline-store.js';

/** The run's owner keeps its recording for good: a `/r/<slug>` link anyone can replay. */
export function SaveRecordingButton() {
  const runId = useTimelineStore((s) => (s.source?.type === 'run' ? s.source.runId : null));
  const owner = useRunAccessStore((s) => s.role === 'owner' && s.runId === runId && s.token !== null);
  const saving = useTimelineStore((s) => s.saving);
  if (!runId || !owner) return null;
  return (
    <button
      type="button"
      className="btn btn--small btn--primary"
      data-testid="save-recording"
      title="Keep this run's recording and get a link that replays it (never runs anything)"
      disabled={saving}
      onClick={() => void saveCurrentRecording()}
    >
      {saving ? 'Saving…' : 'Save recording'}
    </button>
  );
}
