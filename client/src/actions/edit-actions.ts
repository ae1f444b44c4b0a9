import { type GraphInput, graphSchema } from '../../../shared/graph/graph-schema.js';
import { syncLiveAfter } from '../api/live-patch.js';
import { autoLayout } from '../lib/auto-layout.js';
import { copyFragment, isFragmentLike } from '../lib/clipboard.js';
import { portsFor } from '../lib/ports.js';
import { useCatalogStore } from '../stores/catalog-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { toast } from '../stores/toast-store.js';

/**
 * Editing commands shared by the keyboard, the toolbar and the menus. The clipboard is kept in
 * memory and in localStorage (so another tab can paste), and offered to the system clipboard as
 * a graph document.
 */
const CLIPBOARD_KEY = 'sluice:clipboard:v1';
const PASTE_STEP = 48;

let clipboard: GraphInput | null = null;
let pastes = 0;

export function copySelection(): boolean {
  const { nodes, edges } = useGraphStore.getState();
  const fragment = copyFragment(nodes, edges);
  if (!fragment) return false;
  clipboard = fragment;
  pastes = 0;
  const text = JSON.stringify(fragment);
  try {
    localStorage.setItem(CLIPBOARD_KEY, text);
  } catch {
    // The in-memory copy still works in this tab.
  }
  void navigator.clipboard?.writeText(text).catch(() => {});
  const n = fragment.nodes.length;
  toast(`Copied ${n} node${n === 1 ? '' : 's'}`);
  return true;
}

function storedClipboard(): GraphInput | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(CLIPBOARD_KEY) ?? 'null');
    if (!isFragmentLike(parsed)) return null;
    const checked = graphSchema.safeParse(parsed);
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
}

export function pasteClipboard(): boolean {
  const fragment = clipboard ?? storedClipboard();
  if (!fragment) return false;
  pastes += 1;
  const ids = useGraphStore.getState().paste(fragment, { x: PASTE_STEP * pastes, y: PASTE_STEP * pastes });
  return ids.length > 0;
}

export function cutSelection(): void {
  if (copySelection()) useGraphStore.getState().deleteSelection();
}

/**
 * Lays the graph out left to right with ELK, as one undo step, keeping its top-left corner where
 * it was so the view does not jump away.
 */
export async function layoutGraph(fit?: () => void): Promise<void> {
  const { nodes, edges, readOnly, moveNodes } = useGraphStore.getState();
  if (readOnly || nodes.length === 0) return;
  const byKind = useCatalogStore.getState().byKind;
  const origin = {
    x: Math.min(...nodes.map((n) => n.position.x)),
    y: Math.min(...nodes.map((n) => n.position.y)),
  };
  const positions = await autoLayout(
    nodes.map((n) => ({
      id: n.id,
      width: n.measured?.width ?? 232,
      height: n.measured?.height ?? 140,
      ports: portsFor(byKind[n.data.kind], n.data.params),
    })),
    edges,
    origin,
  );
  // The graph may have changed while ELK worked; only move nodes that still exist.
  const still = new Set(useGraphStore.getState().nodes.map((n) => n.id));
  moveNodes(new Map([...positions].filter(([id]) => still.has(id))));
  // React Flow picks the new positions up on its next render; fitting before that frames the old ones.
  if (fit) setTimeout(fit, 50);
}

/** Undo / redo that keep a running graph in step with the canvas (see syncLiveAfter). */
export function undoEdit(): void {
  stepHistory('undo');
}

export function redoEdit(): void {
  stepHistory('redo');
}

function stepHistory(direction: 'undo' | 'redo'): void {
  const g = useGraphStore.getState();
  const before = { nodes: g.nodes, edges: g.edges };
  g[direction]();
  const after = useGraphStore.getState();
  const byKind = useCatalogStore.getState().byKind;
  syncLiveAfter(before, after, (kind) => byKind[kind]);
}
