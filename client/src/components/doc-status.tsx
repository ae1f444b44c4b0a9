import { useDocStore } from '../stores/doc-store.js';
import { useGraphStore } from '../stores/graph-store.js';

/** Saved / unsaved, next to the graph's name: a dot and a word, with the revision when saved. */
export function DocStatus() {
  const meta = useDocStore((s) => s.meta);
  const dirty = useDocStore((s) => s.dirty);
  const saving = useDocStore((s) => s.saving);
  const readOnly = useGraphStore((s) => s.readOnly);
  const empty = useGraphStore((s) => s.nodes.length === 0);
  let text: string;
  let state: string;
  if (readOnly) [text, state] = [meta ? `read-only · r${meta.revision}` : 'read-only', 'readonly'];
  else if (saving) [text, state] = ['saving…', 'saving'];
  else if (dirty) [text, state] = [meta ? 'unsaved changes' : 'not saved', 'dirty'];
  else if (meta) [text, state] = [`saved · r${meta.revision}`, 'saved'];
  else [text, state] = [empty ? 'empty' : 'not saved', 'new'];
  return (
    <span
      className={`doc-status doc-status--${state}`}
      data-testid="doc-status"
      data-state={state}
      title={dirty ? 'Ctrl+S saves a new revision' : undefined}
    >
      <span className="doc-status__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
