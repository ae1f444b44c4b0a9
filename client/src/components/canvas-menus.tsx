import type { XYPosition } from '@xyflow/react';
import { alignSelection, distributeSelection, onItem } from '../actions/canvas-actions.js';
import { pasteClipboard } from '../actions/edit-actions.js';
import { groupSelection } from '../actions/group-actions.js';
import { tapEdge } from '../actions/tap-actions.js';
import { followNext } from '../actions/trace-actions.js';
import { useEdgeTransport } from '../hooks/use-edge-transport.js';
import { isRunActive } from '../lib/run-gate.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useRunStore } from '../stores/run-store.js';
import { useTapStore } from '../stores/tap-store.js';
import { toast } from '../stores/toast-store.js';
import { ContextMenu } from './context-menu.js';
import type { MenuItem } from './menu.js';

/** Where a right-click on a queue or on the empty canvas happened. */
export interface EdgeMenuAt {
  edgeId: string;
  x: number;
  y: number;
}
export interface PaneMenuAt {
  x: number;
  y: number;
  /** The same point on the canvas (flow coordinates), where "add here" puts things. */
  flow: XYPosition;
}

/** Grouping and lining up several selected nodes: offered wherever the selection is right-clicked. */
export function selectionItems(): MenuItem[] {
  const count = useGraphStore.getState().nodes.filter((n) => n.selected).length;
  const need3 = count < 3 ? 'Select three nodes or more to space them evenly' : undefined;
  return [
    {
      label: `Group ${count} nodes`,
      hint: 'Ctrl+G',
      testId: 'menu-group',
      onSelect: () => void groupSelection(),
    },
    { label: 'Align left edges', testId: 'menu-align-left', onSelect: () => alignSelection('left') },
    { label: 'Align centres', testId: 'menu-align-centre', onSelect: () => alignSelection('centre') },
    { label: 'Align tops', testId: 'menu-align-top', onSelect: () => alignSelection('top') },
    {
      label: 'Space evenly across',
      testId: 'menu-distribute-h',
      disabled: need3 !== undefined,
      ...(need3 ? { title: need3 } : {}),
      onSelect: () => distributeSelection('horizontal'),
    },
    {
      label: 'Space evenly down',
      testId: 'menu-distribute-v',
      disabled: need3 !== undefined,
      ...(need3 ? { title: need3 } : {}),
      onSelect: () => distributeSelection('vertical'),
    },
  ];
}

/** The menu of one queue: its settings, tap it, follow an item into it, or disconnect it. */
export function EdgeContextMenu({ at, onClose }: { at: EdgeMenuAt; onClose: () => void }) {
  const readOnly = useGraphStore((s) => s.readOnly);
  const source = useGraphStore((s) => s.edges.find((x) => x.id === at.edgeId)?.source);
  const ends = useGraphStore((s) => {
    const e = s.edges.find((x) => x.id === at.edgeId);
    return e ? `${e.source} → ${e.target}` : '';
  });
  const running = useRunStore((s) => isRunActive(s.phase));
  const tapped = useTapStore((s) => s.on.includes(at.edgeId));
  const broker = useEdgeTransport(at.edgeId) === 'nats';
  const tapWhy = !running
    ? 'Start the run to tap an edge'
    : broker
      ? 'Broker queues cannot be tapped: items wait in the NATS stream'
      : undefined;
  const items: MenuItem[] = [
    {
      label: 'Queue settings',
      testId: 'edge-menu-settings',
      onSelect: () => useGraphStore.getState().select({ type: 'edge', id: at.edgeId }),
    },
    {
      label: tapped ? 'Untap this edge' : 'Tap this edge',
      testId: 'edge-menu-tap',
      disabled: tapWhy !== undefined,
      title: tapWhy ?? 'Sampled items entering this edge, in the Taps tab (at most 20/s)',
      onSelect: () =>
        void tapEdge(at.edgeId, !tapped).then((why) => {
          if (why) toast(`Not tapped: ${why}`, 'warn');
        }),
    },
    {
      label: source ? `Follow next item from ${source}` : 'Follow next item',
      testId: 'edge-menu-follow',
      disabled: !running || !source,
      title: running
        ? `Trace the next item ${source ?? 'its source'} emits through the graph`
        : 'Start the run to follow items',
      onSelect: () => {
        if (source) void followNext(source);
      },
    },
  ];
  if (!readOnly)
    items.push({
      label: 'Disconnect',
      hint: 'Del',
      testId: 'edge-menu-disconnect',
      onSelect: () => onItem('edge', at.edgeId, () => useGraphStore.getState().deleteSelection()),
    });
  return (
    <ContextMenu
      x={at.x}
      y={at.y}
      title={`${at.edgeId}: ${ends}`}
      testId="edge-menu"
      items={items}
      onClose={onClose}
    />
  );
}

/** The menu of the empty canvas: paste, select, and line up what is selected. */
export function PaneContextMenu({
  at,
  extra,
  onClose,
}: {
  at: PaneMenuAt;
  /** Items of other canvas concerns (notes), placed first. */
  extra?: MenuItem[];
  onClose: () => void;
}) {
  const readOnly = useGraphStore((s) => s.readOnly);
  const selected = useGraphStore((s) => s.nodes.filter((n) => n.selected).length);
  const items: MenuItem[] = [
    ...(readOnly ? [] : (extra ?? [])),
    ...(readOnly
      ? []
      : [
          {
            label: 'Paste',
            hint: 'Ctrl+V',
            testId: 'pane-menu-paste',
            onSelect: () => void pasteClipboard(),
          },
        ]),
    {
      label: 'Select all',
      hint: 'Ctrl+A',
      testId: 'pane-menu-select-all',
      onSelect: () => useGraphStore.getState().selectAll(),
    },
    ...(!readOnly && selected > 1 ? selectionItems() : []),
  ];
  return <ContextMenu x={at.x} y={at.y} title="Canvas" testId="pane-menu" items={items} onClose={onClose} />;
}
