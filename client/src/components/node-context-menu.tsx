import { nodeName } from '../../../shared/analysis/node-names.js';
import { onItem, renameNode } from '../actions/canvas-actions.js';
import { DEFAULT_EVERY, followEvery, followNext } from '../actions/trace-actions.js';
import { isRunActive } from '../lib/run-gate.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTraceStore } from '../stores/trace-store.js';
import { selectionItems } from './canvas-menus.js';
import { ContextMenu } from './context-menu.js';
import type { MenuItem } from './menu.js';

export interface NodeMenuAt {
  nodeId: string;
  x: number;
  y: number;
}

/** What a right-click on a canvas node offers. More actions on a node belong in this list. */
function nodeMenuItems(
  nodeId: string,
  running: boolean,
  isSink: boolean,
  every: number | undefined,
): MenuItem[] {
  const why = isSink
    ? 'A sink emits nothing to follow'
    : running
      ? undefined
      : 'Start the run to follow items';
  const items: MenuItem[] = [
    {
      label: 'Follow next item',
      testId: 'node-menu-follow-next',
      disabled: why !== undefined,
      title: why ?? 'Trace the next item this node emits through the graph',
      onSelect: () => void followNext(nodeId),
    },
  ];
  items.push(
    every
      ? {
          label: `Stop following 1 in ${every}`,
          testId: 'node-menu-follow-stop',
          disabled: !running,
          onSelect: () => void followEvery(nodeId, 0),
        }
      : {
          label: `Follow 1 in ${DEFAULT_EVERY}`,
          testId: 'node-menu-follow-every',
          disabled: why !== undefined,
          title:
            why ?? `Trace one in every ${DEFAULT_EVERY} items, continuously (another N in the inspector)`,
          onSelect: () => void followEvery(nodeId, DEFAULT_EVERY),
        },
  );
  return items;
}

/** Editing a node (or the selection it belongs to): nothing offered on a read-only graph. */
function editItems(nodeId: string, many: number): MenuItem[] {
  const act = (command: () => void) => () => onItem('node', nodeId, command);
  const g = () => useGraphStore.getState();
  return [
    { label: 'Rename…', testId: 'node-menu-rename', onSelect: () => renameNode(nodeId) },
    {
      label: many > 1 ? `Duplicate ${many} nodes` : 'Duplicate',
      hint: 'Ctrl+D',
      testId: 'node-menu-duplicate',
      onSelect: act(() => g().duplicateSelection()),
    },
    {
      label: many > 1 ? `Delete ${many} nodes` : 'Delete',
      hint: 'Del',
      testId: 'node-menu-delete',
      onSelect: act(() => g().deleteSelection()),
    },
    ...(many > 1 ? selectionItems() : []),
  ];
}

/** The menu of one canvas node, at the pointer. */
export function NodeContextMenu({ at, onClose }: { at: NodeMenuAt; onClose: () => void }) {
  const running = useRunStore((s) => isRunActive(s.phase));
  const every = useTraceStore((s) => s.sampling[at.nodeId]);
  const readOnly = useGraphStore((s) => s.readOnly);
  const isSink = useGraphStore((s) => {
    const kind = s.nodes.find((n) => n.id === at.nodeId)?.data.kind;
    return kind !== undefined && useCatalogStore.getState().byKind[kind]?.category === 'sink';
  });
  const title = useGraphStore((s) => {
    const n = s.nodes.find((x) => x.id === at.nodeId);
    return nodeName(at.nodeId, n?.data.label);
  });
  // Acting on the whole selection when the node is part of it.
  const many = useGraphStore((s) =>
    s.nodes.find((n) => n.id === at.nodeId)?.selected ? s.nodes.filter((n) => n.selected).length : 1,
  );
  const items = [
    ...(readOnly ? [] : editItems(at.nodeId, many)),
    ...nodeMenuItems(at.nodeId, running, isSink, every),
  ];
  return <ContextMenu x={at.x} y={at.y} title={title} testId="node-menu" items={items} onClose={onClose} />;
}
