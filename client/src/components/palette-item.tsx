import type { CatalogEntry } from '../../../shared/catalog/catalog.js';
import { useAddKind } from '../hooks/use-add-kind.js';
import { KIND_MIME } from '../lib/palette-groups.js';

export function PaletteItem({ entry }: { entry: CatalogEntry }) {
  const addKind = useAddKind();
  return (
    <li>
      <button
        type="button"
        className={`palette-item cat-${entry.category}`}
        data-testid={`palette-item-${entry.kind}`}
        draggable
        title={entry.docs}
        onDragStart={(e) => {
          e.dataTransfer.setData(KIND_MIME, entry.kind);
          e.dataTransfer.setData('text/plain', entry.kind);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => addKind(entry.kind)}
      >
        <span className="kind-icon" aria-hidden="true">
          {entry.icon}
        </span>
        <span className="palette-item__text">
          <span className="palette-item__title">{entry.title}</span>
          <span className="palette-item__summary">{entry.summary}</span>
        </span>
      </button>
    </li>
  );
}
