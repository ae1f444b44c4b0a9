import { useMemo } from 'react';
import { commonParamsShape } from '../../../shared/catalog/define-kind.js';
import { patchNodeParamLive } from '../api/live-patch.js';
import { nodeFieldOfIssue, paramOfIssue } from '../lib/issue-index.js';
import { formFields, valueAt } from '../lib/schema-form.js';
import { useCatalogEntry } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useNodeIssues } from '../stores/issues-store.js';
import { DocText } from './doc-text.js';
import { FollowControls } from './follow-controls.js';
import { IssuesList } from './issues-list.js';
import { LanguageReference } from './language-reference.js';
import { NodeDistFields } from './node-dist-fields.js';
import { NodeLabelField } from './node-label-field.js';
import { NodeLiveDetails } from './node-live-details.js';
import { ParamField } from './param-field.js';
import { ReplicaBreakdown } from './replica-breakdown.js';
import { RunEndpoints } from './run-endpoints.js';

const COMMON = new Set(Object.keys(commonParamsShape));
const NO_EXPRESSIONS: ReadonlySet<string> = new Set();

/** The selected node: its docs and a form generated from its kind's params JSON Schema. */
export function NodeInspector({ nodeId }: { nodeId: string }) {
  // `data` keeps its identity while the node is dragged, so moving it does not re-render the form.
  const data = useGraphStore((s) => s.nodes.find((n) => n.id === nodeId)?.data);
  const readOnly = useGraphStore((s) => s.readOnly);
  const entry = useCatalogEntry(data?.kind ?? '');
  const issues = useNodeIssues(nodeId);
  const fields = useMemo(() => (entry ? formFields(entry.params) : []), [entry]);
  const expressions = useMemo(() => (entry ? new Set(entry.expressions) : NO_EXPRESSIONS), [entry]);
  if (!data) return null;

  const live = new Set(entry?.live ?? []);
  const issueFor = (name: string) => issues.find((i) => paramOfIssue(i) === name)?.message;
  const onChange = (path: string[], value: unknown) => {
    useGraphStore.getState().setParam(nodeId, path, value);
    if (live.has(path[0] ?? '')) patchNodeParamLive(nodeId, path, value);
  };
  const render = (list: typeof fields) =>
    list.map((field) => (
      <ParamField
        key={field.name}
        field={field}
        value={valueAt(data.params, field.path)}
        live={live.has(field.path[0] ?? '')}
        expressions={expressions}
        issueFor={issueFor}
        onChange={onChange}
      />
    ));
  const own = fields.filter((f) => !COMMON.has(f.name));
  const common = fields.filter((f) => COMMON.has(f.name));
  const shownAtField = (name: string | undefined) =>
    name !== undefined && fields.some((f) => name === f.name || name.startsWith(`${f.name}.`));
  const otherIssues = issues.filter((i) => !shownAtField(paramOfIssue(i)) && !nodeFieldOfIssue(i));

  return (
    <div className="inspector__content">
      <div className={`inspector__head cat-${entry?.category ?? 'unknown'}`}>
        <span className="kind-icon" aria-hidden="true">
          {entry?.icon ?? '?'}
        </span>
        <div className="inspector__titles">
          <h2 className="panel__title">{data.label ?? entry?.title ?? data.kind}</h2>
          <span className="inspector__id">{nodeId}</span>
        </div>
        {!readOnly && (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            title="Delete node (Del)"
            onClick={() => useGraphStore.getState().deleteSelection()}
          >
            Delete
          </button>
        )}
      </div>
      {!entry && <p className="text-bad">Unknown kind “{data.kind}”: the server does not offer it.</p>}
      {otherIssues.length > 0 && <IssuesList issues={otherIssues} />}
      {entry && <DocText className="inspector__docs" text={entry.docs} />}
      {entry && (
        <NodeLiveDetails
          id={nodeId}
          isSource={entry.inputs.length === 0}
          isSink={entry.category === 'sink'}
        />
      )}
      {entry && <FollowControls nodeId={nodeId} isSink={entry.category === 'sink'} />}
      <ReplicaBreakdown id={nodeId} replicas={data.replicas ?? 1} />
      <RunEndpoints nodeId={nodeId} kind={data.kind} />
      <fieldset className="inspector__form" disabled={readOnly}>
        <section className="inspector__section">
          <NodeLabelField nodeId={nodeId} />
        </section>
        {own.length > 0 && (
          <section className="inspector__section">
            <h3 className="section-title">Parameters</h3>
            {render(own)}
            {expressions.size > 0 && <LanguageReference />}
          </section>
        )}
        {entry && own.length === 0 && <p className="muted">This kind has no parameters of its own.</p>}
        {common.length > 0 && (
          <section className="inspector__section">
            <h3 className="section-title">Error handling</h3>
            {render(common)}
          </section>
        )}
        <NodeDistFields nodeId={nodeId} entry={entry} />
      </fieldset>
    </div>
  );
}
