import { forkCurrent, saveGraph } from '../actions/doc-actions.js';
import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useIssuesStore } from '../stores/issues-store.js';
import { useRunAccessStore } from '../stores/run-access-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { IssuesList } from './issues-list.js';

/** What the inspector shows with nothing selected: the graph at a glance, where it is saved, its problems. */
export function GraphOverview() {
  const nodeCount = useGraphStore((s) => s.nodes.length);
  const edgeCount = useGraphStore((s) => s.edges.length);
  const readOnly = useGraphStore((s) => s.readOnly);
  const watchPage = useRunAccessStore((s) => s.watchPage);
  const issues = useIssuesStore((s) => s.all);
  const serverIssues = useRunStore((s) => s.serverIssues);
  const meta = useDocStore((s) => s.meta);
  const dirty = useDocStore((s) => s.dirty);
  const all = issues.length > 0 ? issues : serverIssues;

  return (
    <div className="inspector__content">
      <div className="inspector__head">
        <h2 className="panel__title">Graph</h2>
      </div>
      <dl className="facts">
        <div>
          <dt>Nodes</dt>
          <dd>{nodeCount}</dd>
        </div>
        <div>
          <dt>Queues</dt>
          <dd>{edgeCount}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd className={all.length ? 'text-bad' : 'text-good'}>{all.length}</dd>
        </div>
      </dl>
      <section className="inspector__section">
        <h3 className="section-title">Problems</h3>
        {all.length === 0 ? (
          <p className="muted" data-testid="issues-list">
            {nodeCount === 0 ? 'Nothing on the canvas yet.' : 'None: the graph compiles.'}
          </p>
        ) : (
          <IssuesList issues={all} testId="issues-list" />
        )}
      </section>
      <section className="inspector__section" data-testid="doc-overview">
        <h3 className="section-title">Document</h3>
        {watchPage ? (
          <p className="muted">
            The graph of the run you are watching, read-only. Leave to go back to your own.
          </p>
        ) : readOnly ? (
          <p className="muted">
            A shared graph, read-only here.{' '}
            <button type="button" className="link" onClick={() => void forkCurrent()}>
              Fork it
            </button>{' '}
            to edit, save and share your own copy.
          </p>
        ) : meta ? (
          <p className="muted">
            Saved as revision {meta.revision}
            {dirty ? ', with unsaved changes since. ' : '. '}
            <button type="button" className="link" onClick={() => useUiStore.getState().openDialog('share')}>
              Share a link
            </button>{' '}
            ·{' '}
            <button
              type="button"
              className="link"
              onClick={() => useUiStore.getState().openDialog('revisions')}
            >
              revisions
            </button>
          </p>
        ) : nodeCount > 0 ? (
          <p className="muted">
            Not saved on the server yet (a draft is kept in this browser).{' '}
            <button type="button" className="link" onClick={() => void saveGraph()}>
              Save
            </button>{' '}
            to get a link to share.
          </p>
        ) : (
          <p className="muted">
            Start from the palette, or{' '}
            <button
              type="button"
              className="link"
              onClick={() => useUiStore.getState().openDialog('gallery')}
            >
              open an example
            </button>
            .
          </p>
        )}
      </section>
      <p className="muted inspector__hint">Select a node or a queue to edit it.</p>
    </div>
  );
}
