import { useState } from 'react';
import { useAddKind } from '../hooks/use-add-kind.js';
import { paletteGroups } from '../lib/palette-groups.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { PaletteItem } from './palette-item.js';

/** Node kinds from the server's catalog, grouped by category. Drag onto the canvas or click to add. */
export function Palette() {
  const status = useCatalogStore((s) => s.status);
  const entries = useCatalogStore((s) => s.entries);
  const error = useCatalogStore((s) => s.error);
  const readOnly = useGraphStore((s) => s.readOnly);
  const [filter, setFilter] = useState('');
  const groups = paletteGroups(entries, filter);
  const addKind = useAddKind();

  return (
    <aside className={`palette panel${readOnly ? ' is-read-only' : ''}`} aria-label="Node palette">
      <div className="panel__head">
        <h2 className="panel__title">Nodes</h2>
        <input
          className="palette__filter"
          type="search"
          placeholder="Search kinds"
          aria-label="Search node kinds"
          data-testid="palette-search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            // Enter adds the first match: search, Enter, and the node is on the canvas.
            const first = groups[0]?.entries[0];
            if (e.key === 'Enter' && first && !readOnly) addKind(first.kind);
          }}
        />
      </div>
      <div className="panel__body">
        {status === 'loading' && <p className="muted palette__note">Loading node kinds…</p>}
        {status === 'error' && (
          <div className="palette__note palette__note--error">
            <p>Could not load the node catalog: {error}</p>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => void useCatalogStore.getState().load()}
            >
              Retry
            </button>
          </div>
        )}
        {status === 'ready' && groups.length === 0 && (
          <p className="muted palette__note">No kind matches “{filter}”.</p>
        )}
        {groups.map((group) => (
          <section key={group.category} className="palette__group">
            <h3 className="palette__group-title">
              {group.title} <span className="palette__count">{group.entries.length}</span>
            </h3>
            <ul className="palette__list">
              {group.entries.map((entry) => (
                <PaletteItem key={entry.kind} entry={entry} disabled={readOnly} onAdd={addKind} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="palette__hint muted">
        {readOnly ? 'Read-only graph: fork it to add nodes.' : 'Drag onto the canvas, or click to add.'}
      </p>
    </aside>
  );
}
