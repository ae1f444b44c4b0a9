import { type GraphInput, graphSchema } from '../../../shared/graph/graph-schema.js';
import { toGraphDocument } from '../lib/flow-convert.js';
import { type DocMeta, useDocStore } from './doc-store.js';
import { useGraphStore } from './graph-store.js';
import { useRunStore } from './run-store.js';

/**
 * The graph being edited survives a reload: it is kept in localStorage as a graph document (the
 * public format) with where it is saved, written shortly after the last change and read back
 * through the schema. A read-only shared graph is never written, so opening someone's link does
 * not replace your own draft. The run the canvas last started or showed goes with it: after a
 * reload that run is shown again even when edits it holds for the next run added or removed nodes.
 */
const KEY = 'sluice:draft:v2';
const OLD_KEY = 'sluice:draft:v1';
const WRITE_AFTER_MS = 400;

export interface Draft {
  doc: GraphInput;
  meta: DocMeta | null;
  savedKey: string | null;
  /** The run this draft's canvas was showing, if any. */
  runId: string | null;
}

function parseMeta(v: unknown): DocMeta | null {
  if (typeof v !== 'object' || v === null) return null;
  const m = v as Record<string, unknown>;
  return typeof m.graphId === 'string' && typeof m.slug === 'string' && typeof m.revision === 'number'
    ? { graphId: m.graphId, slug: m.slug, revision: m.revision }
    : null;
}

export function readDraft(): Draft | null {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (raw && typeof raw === 'object') {
      const r = raw as Record<string, unknown>;
      const doc = graphSchema.safeParse(r.doc);
      if (doc.success)
        return {
          doc: doc.data,
          meta: parseMeta(r.meta),
          savedKey: typeof r.savedKey === 'string' ? r.savedKey : null,
          runId: typeof r.runId === 'string' ? r.runId : null,
        };
    }
    const old = graphSchema.safeParse(JSON.parse(localStorage.getItem(OLD_KEY) ?? 'null'));
    return old.success ? { doc: old.data, meta: null, savedKey: null, runId: null } : null;
  } catch {
    // Storage disabled or a corrupt draft: start empty rather than fail to open.
    return null;
  }
}

export function applyDraft(draft: Draft): void {
  useGraphStore.getState().load(draft.doc);
  useDocStore.getState().setSaved(draft.meta, draft.savedKey);
}

/** Starts writing drafts; returns the unsubscribe function. */
export function keepDraft(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const { name, nodes, edges, notes, groups, readOnly } = useGraphStore.getState();
    if (readOnly) return;
    const { meta, savedKey } = useDocStore.getState();
    const { runId } = useRunStore.getState();
    try {
      const doc = toGraphDocument(name, nodes, edges, notes, groups);
      localStorage.setItem(KEY, JSON.stringify({ doc, meta, savedKey, runId }));
    } catch {
      // Quota or privacy mode: the editor works without drafts.
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(write, WRITE_AFTER_MS);
  };
  const offGraph = useGraphStore.subscribe((s, prev) => {
    if (
      s.nodes !== prev.nodes ||
      s.edges !== prev.edges ||
      s.notes !== prev.notes ||
      s.groups !== prev.groups ||
      s.name !== prev.name
    )
      schedule();
  });
  const offDoc = useDocStore.subscribe((s, prev) => {
    if (s.meta !== prev.meta || s.savedKey !== prev.savedKey) schedule();
  });
  const offRun = useRunStore.subscribe((s, prev) => {
    if (s.runId !== prev.runId) schedule();
  });
  return () => {
    offGraph();
    offDoc();
    offRun();
  };
}
