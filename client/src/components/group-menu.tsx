import { deleteGroup, setGroupCollapsed, ungroup } from '../actions/group-actions.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useGroupEditStore } from '../stores/group-edit-store.js';
import { ContextMenu } from './context-menu.js';
import type { MenuItem } from './menu.js';

/** Where a right-click on a group's frame or box happened. */
export interface GroupMenuAt {
  groupId: string;
  x: number;
  y: number;
}

/** The menu of one group: rename, colour, collapse, ungroup (nodes stay) or delete (nodes go). */
export function GroupContextMenu({ at, onClose }: { at: GroupMenuAt; onClose: () => void }) {
  const group = useGraphStore((s) => s.groups.find((g) => g.id === at.groupId));
  const readOnly = useGraphStore((s) => s.readOnly);
  if (!group || readOnly) return null;
  const id = group.id;
  const n = group.nodeIds.length;
  const items: MenuItem[] = [
    {
      label: 'Rename…',
      testId: 'group-menu-rename',
      onSelect: () => useGroupEditStore.setState({ renaming: id }),
    },
    {
      label: 'Colour…',
      testId: 'group-menu-colour',
      onSelect: () => useGroupEditStore.setState({ palette: id }),
    },
    {
      label: group.collapsed ? 'Expand' : 'Collapse',
      testId: 'group-menu-collapse',
      onSelect: () => setGroupCollapsed(id, !group.collapsed),
    },
    { label: 'Ungroup (keep the nodes)', testId: 'group-menu-ungroup', onSelect: () => ungroup(id) },
    {
      label: `Delete the group and its ${n} node${n === 1 ? '' : 's'}`,
      testId: 'group-menu-delete',
      onSelect: () => deleteGroup(id),
    },
  ];
  return (
    <ContextMenu
      x={at.x}
      y={at.y}
      title={group.title || id}
      testId="group-menu"
      items={items}
      onClose={onClose}
    />
  );
}
