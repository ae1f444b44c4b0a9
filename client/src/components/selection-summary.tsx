import { copySelection } from '../actions/edit-actions.js';
import { useGraphStore } from '../stores/graph-store.js';

/** Several things selected: what they are, and what can be done with all of them at once. */
export function SelectionSummary({ nodeIds, edgeIds }: { nodeIds: string[]; edgeIds: string[] }) {
  const readOnly = useGraphStore((s) => s.readOnly);
  const g = useGraphStore.getState;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    <div className="inspector__content" data-testid="selection-summary">
      <div className="inspector__head">
        <h2 className="panel__title">
          {count(nodeIds.length, 'node')}, {count(edgeIds.length, 'queue')} selected
        </h2>
      </div>
      <ul className="chip-list">
        {nodeIds.map((id) => (
          <li key={id}>
            <button type="button" className="chip" onClick={() => g().select({ type: 'node', id })}>
              {id}
            </button>
          </li>
        ))}
        {edgeIds.map((id) => (
          <li key={id}>
            <button
              type="button"
              className="chip chip--queue"
              onClick={() => g().select({ type: 'edge', id })}
            >
              {id}
            </button>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="button-row">
          <button type="button" className="btn btn--small" onClick={() => g().duplicateSelection()}>
            Duplicate <kbd>Ctrl+D</kbd>
          </button>
          <button type="button" className="btn btn--small" onClick={() => copySelection()}>
            Copy <kbd>Ctrl+C</kbd>
          </button>
          <button type="button" className="btn btn--small btn--danger" onClick={() => g().deleteSelection()}>
            Delete <kbd>Del</kbd>
          </button>
        </div>
      )}
      <p className="muted inspector__hint">
        Click one to edit it alone. Shift+click adds or removes from the selection.
      </p>
    </div>
  );
}
