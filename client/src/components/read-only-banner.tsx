import { forkCurrent } from '../actions/doc-actions.js';
import { useLiveRun } from '../hooks/use-live-run.js';
import { isRunActive } from '../lib/run-gate.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRecordingPageStore } from '../stores/recording-page-store.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { RecordingBanner } from './recording-banner.js';
import { WatchBanner } from './watch-banner.js';

/**
 * Says why nothing can be edited on a shared graph, and offers the ways out: fork it, or watch
 * the owner's live run when they shared one.
 */
export function ReadOnlyBanner() {
  const readOnly = useGraphStore((s) => s.readOnly);
  const meta = useDocStore((s) => s.meta);
  const watchPage = useRunAccessStore((s) => s.watchPage);
  const recordingPage = useRecordingPageStore((s) => s.slug !== null);
  const runningHere = isRunActive(useRunStore((s) => s.phase));
  const live = useLiveRun(meta?.slug, readOnly && !watchPage && !recordingPage && !runningHere);
  if (recordingPage) return <RecordingBanner />;
  if (watchPage) return <WatchBanner />;
  if (!readOnly) return null;
  const revision = meta?.revision;
  return (
    <div className="canvas-banner canvas-banner--readonly" data-testid="read-only-banner">
      <span className="canvas-banner__text">
        <strong>Read-only</strong> shared graph{revision ? ` (revision ${revision})` : ''}: run and inspect
        it, or fork your own copy.
      </span>
      {live && (
        <a
          className="btn btn--small btn--primary"
          data-testid="watch-owner-run"
          href={`/watch/${encodeURIComponent(live.runId)}#${encodeURIComponent(live.watchToken)}`}
          title="See the owner's run of this graph live, read-only"
        >
          Watch the owner’s live run
        </a>
      )}
      <button
        type="button"
        className="btn btn--small btn--ghost"
        data-testid="claim-button"
        onClick={() => useUiStore.getState().openDialog('claim')}
      >
        I have the edit token
      </button>
      <button type="button" className="btn btn--small btn--accent" onClick={() => void forkCurrent()}>
        Fork
      </button>
    </div>
  );
}
