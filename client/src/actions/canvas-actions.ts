import { type AlignMode, align, type Box, type DistributeAxis, distribute } from '../lib/align.js';
import { insertOnEdge } from '../lib/insert-on-edge.js';
import { portsFor } from '../lib/ports.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { toast } from '../stores/toast-store.js';

/** A node's size before React Flow has measured it (node.css). */
const NODE_WIDTH = 232;
const NODE_HEIGHT = 140;

/**
 * The queue drawn under a screen point, if any: its wide invisible hit stroke or its label. Read
 * from the DOM because that is where the drawn curve lives; elementsFromPoint sees through the
 * node being dropped.
 */
export function edgeAtPoint(clientX: number, clientY: number): string | undefined {
  for (const el of document.elementsFromPoint(clientX, clientY)) {
    const edge = el.closest<HTMLElement | SVGElement>('.react-flow__edge');
    if (edge?.dataset.id) return edge.dataset.id;
    const label = el.closest<HTMLElement>('[data-testid^="edge-label-"]');
    if (label) return label.dataset.testid?.slice('edge-label-'.length);
  }
  return undefined;
}

/**
 * Puts an unconnected node into a queue (source → node → target), or says why not. `record:
 * false` when the drop that brought the node already opened the undo step.
 */
export function insertNodeOnEdge(
  nodeId: string,
  edgeId: string,
  options: { record?: boolean } = {},
): boolean {
  const { nodes, edges, applyEdit } = useGraphStore.getState();
  const node = nodes.find((n) => n.id === nodeId);
  if (!node) return false;
  const ports = portsFor(useCatalogStore.getState().byKind[node.data.kind], node.data.params);
  const next = insertOnEdge(edges, edgeId, nodeId, ports);
  if (typeof next === 'string') {
    toast(`Not inserted into ${edgeId}: ${next}`, 'warn');
    return false;
  }
  applyEdit(nodes, next, options);
  return true;
}

/** After a drop at a screen point: into the queue there, if the node has no connections yet. */
export function insertIfOnEdge(nodeId: string, clientX: number, clientY: number, record: boolean): void {
  const edgeId = edgeAtPoint(clientX, clientY);
  if (!edgeId) return;
  const { edges } = useGraphStore.getState();
  if (edges.some((e) => e.source === nodeId || e.target === nodeId)) return;
  insertNodeOnEdge(nodeId, edgeId, { record });
}

function selectedBoxes(): Box[] {
  return useGraphStore
    .getState()
    .nodes.filter((n) => n.selected)
    .map((n) => ({
      id: n.id,
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? NODE_WIDTH,
      height: n.measured?.height ?? NODE_HEIGHT,
    }));
}

export function alignSelection(mode: AlignMode): void {
  const moved = align(selectedBoxes(), mode);
  if (moved.size > 0) useGraphStore.getState().moveNodes(moved);
}

export function distributeSelection(axis: DistributeAxis): void {
  const moved = distribute(selectedBoxes(), axis);
  if (moved.size > 0) useGraphStore.getState().moveNodes(moved);
}

/** Selects the node and puts the cursor in the inspector's Label field. */
export function renameNode(nodeId: string): void {
  useGraphStore.getState().select({ type: 'node', id: nodeId });
  // The inspector mounts the field on the next render.
  requestAnimationFrame(() => {
    const field = document.getElementById('node-label');
    if (field instanceof HTMLInputElement) {
      field.focus();
      field.select();
    }
  });
}

/** Runs a selection command on one item: what right-clicking it means. */
export function onItem(type: 'node' | 'edge', id: string, command: () => void): void {
  const g = useGraphStore.getState();
  const already =
    type === 'node' ? g.nodes.find((n) => n.id === id)?.selected : g.edges.find((e) => e.id === id)?.selected;
  // Right-clicking one of several selected nodes acts on all of them, as file managers do.
  if (!already) g.select({ type, id });
  command();
}
