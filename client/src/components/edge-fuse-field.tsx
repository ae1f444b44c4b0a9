import { whyNotFusable } from '../../../shared/compiler/fuse-plan.js';
import { edgeFieldOfIssue } from '../lib/issue-index.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useEdgeIssues } from '../stores/issues-store.js';

/**
 * The fast path (issue 21): run this edge's two ends as one loop, with no queue between them.
 * Offered only where the compiler would accept it (whyNotFusable, shared with it); otherwise the
 * switch is off and says why. Structural, like the transport: it waits for the next run.
 */
export function EdgeFuseField({ edgeId, fuse }: { edgeId: string; fuse: boolean | undefined }) {
  // A string selector: the field re-renders when the reason changes, not on every graph edit.
  const why = useGraphStore((s) => {
    const edge = s.edges.find((e) => e.id === edgeId);
    if (!edge) return null;
    const nodes = new Map(
      s.nodes.map((n) => [
        n.id,
        {
          id: n.id,
          kind: n.data.kind,
          process: n.data.process,
          replicas: n.data.replicas,
          params: n.data.params,
        },
      ]),
    );
    const edges = s.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      transport: e.data?.transport,
      overflow: e.data?.overflow,
      expireMs: e.data?.expireMs,
    }));
    return whyNotFusable(edges.find((e) => e.id === edgeId)!, nodes, edges);
  });
  const issue = useEdgeIssues(edgeId).find((i) => edgeFieldOfIssue(i) === 'fuse')?.message;
  const on = fuse === true;
  const set = (value: boolean) =>
    useGraphStore.getState().setEdgeData(edgeId, { fuse: value ? true : undefined });
  return (
    <div className={`param${issue ? ' has-issue' : ''}${on ? '' : ' is-default'}`}>
      <div className="param__label-row">
        <label htmlFor="edge-fuse" className="param__label">
          Fast path (fuse)
        </label>
        <span className="badge" title="Fixed when the run starts: this waits for the next run">
          next run
        </span>
      </div>
      <label className="switch">
        <input
          id="edge-fuse"
          data-testid="param-fuse"
          type="checkbox"
          checked={on}
          // Left enabled when already on, so an edge that can no longer fuse can be switched off.
          disabled={why !== null && !on}
          onChange={(e) => set(e.target.checked)}
        />
        <span>{on ? 'on' : 'off'}</span>
      </label>
      <p className={issue ? 'param__issue' : 'param__hint'} data-testid="fuse-hint">
        {issue ??
          (why !== null
            ? `Cannot fuse: ${why}.`
            : 'Runs both ends as one loop: no queue here, so nothing waits and its depth stays 0 (items are still counted). Faster; capacity cannot be changed live.')}
      </p>
    </div>
  );
}
