import { useState } from 'react';
import { paletteGroups } from '../lib/palette-groups.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { PaletteItem } from './palette-item.js';

/** Node kinds from the server's catalog, grouped by category. Drag onto the canvas or click to add. */
export function Palette() {
  const status = useCatalogStore((s) => s.status);
  const entries = useCatalogStore((s) => s.entries);
  const error = useCatalogStore((s) => s.error);
  const [filter, setFilter] = useState('');
  const groups = paletteGroups(entries, filter);

  return (
    <aside className="palette panel" aria-label="Node palette">
      <div className="panel__head">
        <h2 className="panel__title">Nodes</h2>
        <input
          className="palette__filter"
          type="search"
          placeholder="Filter"
          aria-label="Filter nodes"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
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
        {status === 'ready' && groups.length === 0 && <p className="muted palette__note">No kind matches.</p>}
        {groups.map((group) => (
          <section key={group.category} className="palette__group">
            <h3 className="palette__group-title">{group.title}</h3>
            <ul className="palette__list">
              {group.entries.map((entry) => (
                <PaletteItem key={entry.kind} entry={entry} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="palette__hint muted">Drag onto the canvas, or click to add.</p>
    </aside>
  );
}
