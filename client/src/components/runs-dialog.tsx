import { stopOwnedRun } from '../actions/run-owner-actions.js';
import { type OwnedRunView, useOwnedRuns } from '../hooks/use-owned-runs.js';
import { totalsSummary } from '../lib/losses.js';
import { relativeTime } from '../lib/relative-time.js';
import { isRunActive } from '../lib/run-gate.js';
import { useRunStore } from '../stores/run-store.js';
import { Modal } from './modal.js';

function totalsText(v: OwnedRunView): string {
  const t = v.totals;
  if (!t) return v.status === 'gone' ? 'The server no longer has this run' : '…';
  // 'loading' is never here (totals come with a status); 'gone' returned above.
  return totalsSummary(t, v.status === 'loading' || v.status === 'gone' ? 'idle' : v.status);
}

function RunRow({ run, onCanvas }: { run: OwnedRunView; onCanvas: boolean }) {
  const live = run.status !== 'gone' && run.status !== 'loading' && isRunActive(run.status);
  return (
    <li className="run-row" data-testid="run-row" data-run-id={run.runId} data-status={run.status}>
      <div className="run-row__main">
        <div className="run-row__title">
          <span className="run-row__name">{run.graphName || 'untitled'}</span>
          <span
            className={`status-pill status-pill--${run.status} run-row__status`}
            data-testid="run-row-status"
          >
            <span className="status-pill__dot" aria-hidden="true" />
            {run.status === 'loading' ? '…' : run.status}
          </span>
          {onCanvas && <span className="badge badge--accent">on the canvas</span>}
          {live && run.keepRunning && <span className="badge">keeps running</span>}
        </div>
        <div className="run-row__meta">
          <span title={new Date(run.startedAt).toLocaleString()}>
            started {relativeTime(new Date(run.startedAt).toISOString())}
          </span>
          <span className="run-row__totals mono" data-testid="run-row-totals">
            {totalsText(run)}
          </span>
        </div>
      </div>
      <div className="run-row__actions">
        {live && !onCanvas && (
          <a
            className="btn btn--ghost btn--small"
            data-testid="run-row-watch"
            href={`/watch/${encodeURIComponent(run.runId)}`}
          >
            Watch
          </a>
        )}
        {live && (
          <button
            type="button"
            className="btn btn--danger btn--small"
            data-testid="run-row-stop"
            onClick={() => void stopOwnedRun(run.runId)}
          >
            Stop
          </button>
        )}
      </div>
    </li>
  );
}

/** The runs this browser started (its last 20): live ones can be watched or stopped from here. */
export function RunsDialog() {
  const runs = useOwnedRuns();
  const current = useRunStore((s) => s.runId);
  const live = runs.filter(
    (r) => r.status !== 'gone' && r.status !== 'loading' && isRunActive(r.status),
  ).length;
  return (
    <Modal title="Your runs" testId="runs-dialog" wide>
      {runs.length === 0 ? (
        <p className="empty-note" data-testid="runs-empty">
          No runs from this browser yet. Press Run (Ctrl+Enter): each run you start is listed here, so you can
          come back to it, watch it or stop it even after closing its tab.
        </p>
      ) : (
        <>
          <p className="muted run-list__summary">
            {live === 0 ? 'None running now.' : `${live} running now.`} A run stops shortly after its last tab
            closes, unless you ticked “Keep running”.
          </p>
          <ul className="run-list" data-testid="run-list">
            {runs.map((r) => (
              <RunRow key={r.runId} run={r} onCanvas={r.runId === current} />
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
