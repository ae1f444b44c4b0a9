import { MAX_LABEL } from '../../../shared/graph/graph-schema.js';
import { useGraphStore } from '../stores/graph-store.js';

/**
 * The name a node is shown by on the canvas, in telemetry views, the CLI and the bottleneck
 * sentence. Only words: the id stays what frames, files and the API use, so a label can change
 * while a graph runs and nothing restarts.
 */
export function NodeLabelField({ nodeId }: { nodeId: string }) {
  const label = useGraphStore((s) => s.nodes.find((n) => n.id === nodeId)?.data.label);
  return (
    <div className={`param${label === undefined ? ' is-default' : ''}`}>
      <div className="param__label-row">
        <label htmlFor="node-label" className="param__label">
          Label
        </label>
      </div>
      <input
        id="node-label"
        data-testid="field-label"
        className="input"
        placeholder={nodeId}
        autoComplete="off"
        maxLength={MAX_LABEL}
        value={label ?? ''}
        onChange={(e) => useGraphStore.getState().setLabel(nodeId, e.target.value)}
      />
    </div>
  );
}
