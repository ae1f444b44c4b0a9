import { DEFAULT_EVERY, followEvery, followNext } from '../actions/trace-actions.js';
import { isRunActive } from '../lib/run-gate.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTraceStore } from '../stores/trace-store.js';
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

/** The menu of one canvas node, at the pointer. */
export function NodeContextMenu({ at, onClose }: { at: NodeMenuAt; onClose: () => void }) {
  const running = useRunStore((s) => isRunActive(s.phase));
  const every = useTraceStore((s) => s.sampling[at.nodeId]);
  const isSink = useGraphStore((s) => {
    const kind = s.nodes.find((n) => n.id === at.nodeId)?.data.kind;
    return kind !== undefined && useCatalogStore.getState().byKind[kind]?.category === 'sink';
  });
  return (
    <ContextMenu
      x={at.x}
      y={at.y}
      title={at.nodeId}
      testId="node-menu"
      items={nodeMenuItems(at.nodeId, running, isSink, every)}
      onClose={onClose}
    />
  );
}
