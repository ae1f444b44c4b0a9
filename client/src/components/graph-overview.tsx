import { useGraphStore } from '../stores/graph-store.js';
import { useIssuesStore } from '../stores/issues-store.js';
import { useRunStore } from '../stores/run-store.js';
import { IssuesList } from './issues-list.js';

/** What the inspector shows with nothing selected: the graph at a glance and its problems. */
export function GraphOverview() {
  const nodeCount = useGraphStore((s) => s.nodes.length);
  const edgeCount = useGraphStore((s) => s.edges.length);
  const issues = useIssuesStore((s) => s.all);
  const serverIssues = useRunStore((s) => s.serverIssues);
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
      <p className="muted inspector__hint">Select a node or a queue to edit it.</p>
    </div>
  );
}
