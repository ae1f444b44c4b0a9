import type { CatalogEntry } from '../../../shared/catalog/catalog.js';
import { KIND_MIME } from '../lib/palette-groups.js';

/** One kind: icon, title and its one-line summary; the full docs are in the tooltip. */
export function PaletteItem({
  entry,
  disabled,
  onAdd,
}: {
  entry: CatalogEntry;
  disabled: boolean;
  onAdd: (kind: string) => void;
}) {
  return (
    <li>
      <button
        type="button"
        className={`palette-item cat-${entry.category}`}
        data-testid={`palette-item-${entry.kind}`}
        draggable={!disabled}
        disabled={disabled}
        title={`${entry.title}: ${entry.docs}`}
        onDragStart={(e) => {
          e.dataTransfer.setData(KIND_MIME, entry.kind);
          e.dataTransfer.setData('text/plain', entry.kind);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => onAdd(entry.kind)}
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
