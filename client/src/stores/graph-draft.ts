import { graphSchema } from '../../../shared/graph/graph-schema.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { useGraphStore } from './graph-store.js';

/**
 * The graph being edited survives a reload: it is kept in localStorage as a graph document
 * (the public format), written shortly after the last change and read back through the schema.
 */
const KEY = 'sluice:draft:v1';
const WRITE_AFTER_MS = 400;

export function restoreDraft(): void {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return;
    const parsed = graphSchema.safeParse(JSON.parse(raw));
    if (parsed.success) useGraphStore.getState().load(parsed.data);
  } catch {
    // Storage disabled or a corrupt draft: start empty rather than fail to open.
  }
}

/** Starts writing drafts; returns the unsubscribe function. */
export function keepDraft(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const { name, nodes, edges } = useGraphStore.getState();
    try {
      localStorage.setItem(KEY, JSON.stringify(toGraphDocument(name, nodes, edges)));
    } catch {
      // Quota or privacy mode: the editor works without drafts.
    }
  };
  return useGraphStore.subscribe((s, prev) => {
    if (s.nodes === prev.nodes && s.edges === prev.edges && s.name === prev.name) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, WRITE_AFTER_MS);
  });
}
