import { GROUP_COLORS, MAX_GROUP_TITLE } from '../../../shared/graph/graph-schema.js';
import { renameGroup, setGroupCollapsed, setGroupColor } from '../actions/group-actions.js';
import { GROUP_COLOURS } from '../lib/group-colors.js';
import type { GroupNodeData } from '../lib/group-view.js';
import { useGroupEditStore } from '../stores/group-edit-store.js';

/**
 * A group's title bar, on its frame and on its collapsed box: the title (double-click to rename),
 * the colour dot (click for the palette) and the collapse toggle. Read-only: the title alone.
 */
export function GroupTitle({ data, collapsed }: { data: GroupNodeData; collapsed: boolean }) {
  const id = data.groupId;
  const renaming = useGroupEditStore((s) => s.renaming === id);
  const palette = useGroupEditStore((s) => s.palette === id);
  const edit = !data.readOnly;
  return (
    <div className="sl-group__bar">
      {edit && (
        <button
          type="button"
          className="sl-group__dot nodrag"
          data-testid={`group-color-${id}`}
          title="Colour"
          aria-label="Choose the group's colour"
          onClick={() => useGroupEditStore.setState({ palette: palette ? null : id })}
        />
      )}
      {renaming && edit ? (
        <input
          className="sl-group__title-input nodrag"
          data-testid={`group-title-input-${id}`}
          aria-label="Group title"
          // biome-ignore lint/a11y/noAutofocus: the user just asked to type the title
          autoFocus
          maxLength={MAX_GROUP_TITLE}
          defaultValue={data.title}
          onFocus={(e) => e.currentTarget.select()}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur();
          }}
          onBlur={(e) => {
            renameGroup(id, e.currentTarget.value);
            useGroupEditStore.setState({ renaming: null });
          }}
        />
      ) : (
        // biome-ignore lint/a11y/noStaticElementInteractions: the menu's Rename does the same for keyboards
        <span
          className="sl-group__title"
          data-testid={`group-title-${id}`}
          title={edit ? `${data.title || id} — double-click to rename` : data.title || id}
          onDoubleClick={(e) => {
            if (!edit) return;
            e.stopPropagation();
            useGroupEditStore.setState({ renaming: id });
          }}
        >
          {data.title || id}
        </span>
      )}
      <span className="sl-group__count">
        {data.count} node{data.count === 1 ? '' : 's'}
      </span>
      {edit && (
        <button
          type="button"
          className="sl-group__toggle nodrag"
          data-testid={`group-toggle-${id}`}
          title={collapsed ? 'Expand: show the nodes' : 'Collapse into one box with the group’s numbers'}
          aria-label={collapsed ? 'Expand the group' : 'Collapse the group'}
          onClick={() => setGroupCollapsed(id, !collapsed)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      )}
      {palette && edit && (
        <div className="sl-group__palette nodrag" data-testid={`group-palette-${id}`}>
          {GROUP_COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`sl-group__swatch${c === data.color ? ' is-current' : ''}`}
              style={{ background: GROUP_COLOURS[c].stroke }}
              data-testid={`group-swatch-${c}`}
              title={c}
              aria-label={c}
              onClick={() => {
                setGroupColor(id, c);
                useGroupEditStore.setState({ palette: null });
              }}
            />
          ))}
        </div>
      )}
    </div>
  );
}
