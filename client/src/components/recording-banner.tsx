import { exportRecording, forkRecording } from '../actions/recording-actions.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';

function recordedOn(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : ` · recorded ${d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
}

/** On `/r/<slug>`: what this is (a replay that runs nothing), and the ways out: fork, export. */
export function RecordingBanner() {
  const name = useRecordingPageStore((s) => s.name);
  const createdAt = useRecordingPageStore((s) => s.createdAt);
  const error = useRecordingPageStore((s) => s.error);
  if (error)
    return (
      <div className="canvas-banner canvas-banner--bad" data-testid="recording-banner" data-state="error">
        <span className="canvas-banner__text">{error}</span>
        <a className="btn btn--small btn--ghost" href="/">
          Leave
        </a>
      </div>
    );
  if (!createdAt)
    return (
      <div
        className="canvas-banner canvas-banner--readonly"
        data-testid="recording-banner"
        data-state="loading"
      >
        <span className="canvas-banner__text">Loading the recording…</span>
      </div>
    );
  return (
    <div className="canvas-banner canvas-banner--readonly" data-testid="recording-banner" data-state="ready">
      <span className="canvas-banner__text">
        <strong>Recording</strong> of {name || 'a run'}
        <span className="recording-banner__date">{recordedOn(createdAt)}</span> · never runs anything
      </span>
      <button
        type="button"
        className="btn btn--small btn--ghost"
        data-testid="export-recording"
        title="Download the recording as a file (import it with File → Import recording…)"
        onClick={exportRecording}
      >
        Export
      </button>
      <button
        type="button"
        className="btn btn--small btn--accent"
        data-testid="fork-recording"
        title="Copy the recorded graph into one of your own, editable"
        onClick={() => void forkRecording()}
      >
        Fork
      </button>
    </div>
  );
}
