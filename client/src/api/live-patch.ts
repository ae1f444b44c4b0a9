import type { CatalogEntry } from '../../../shared/catalog/catalog.js';
import type { QueueEdge, SluiceNode } from '../lib/flow-types.js';
import { paramDefault } from '../lib/ports.js';
import { isRunActive } from '../lib/run-gate.js';
import { withValueAt } from '../lib/schema-form.js';
import { useRunStore } from '../stores/run-store.js';
import { patchRunParams } from './api-client.js';

/**
 * Live edits: while a run is going, changes to live-editable params and edge queues are sent to
 * the server, coalesced over a short window so typing "2000" sends one request, not four.
 */
const FLUSH_AFTER_MS = 250;

type Patch = {
  nodes: Record<string, Record<string, unknown>>;
  edges: Record<string, Record<string, unknown>>;
};
let pending: Patch = { nodes: {}, edges: {} };
let timer: ReturnType<typeof setTimeout> | null = null;

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(flush, FLUSH_AFTER_MS);
}

function flush(): void {
  timer = null;
  const { runId, phase } = useRunStore.getState();
  const patch = pending;
  pending = { nodes: {}, edges: {} };
  if (!runId || !isRunActive(phase)) return;
  patchRunParams(runId, patch).catch((err: unknown) => {
    useRunStore
      .getState()
      .setRequestError(`Live edit not applied: ${err instanceof Error ? err.message : String(err)}`);
  });
}

function liveRun(): boolean {
  return isRunActive(useRunStore.getState().phase);
}

/** Queues a node param change for the running graph (no-op when nothing runs). */
export function patchNodeParamLive(nodeId: string, path: readonly string[], value: unknown): void {
  if (!liveRun() || value === undefined) return;
  pending.nodes[nodeId] = withValueAt(pending.nodes[nodeId] ?? {}, path, value);
  schedule();
}

/** Queues an edge queue change (`capacity`, `overflow`) for the running graph. */
export function patchEdgeLive(edgeId: string, patch: Record<string, unknown>): void {
  if (!liveRun()) return;
  pending.edges[edgeId] = { ...pending.edges[edgeId], ...patch };
  schedule();
}

/**
 * After undo / redo during a run: whatever live-editable setting the step changed is sent to the
 * run too, so the canvas and the running graph never disagree. A param that went back to its
 * default is sent as the default's value (the run cannot "unset" it).
 */
export function syncLiveAfter(
  before: { nodes: readonly SluiceNode[]; edges: readonly QueueEdge[] },
  after: { nodes: readonly SluiceNode[]; edges: readonly QueueEdge[] },
  entryOf: (kind: string) => CatalogEntry | undefined,
): void {
  if (!liveRun()) return;
  const old = new Map(before.nodes.map((n) => [n.id, n.data.params]));
  for (const n of after.nodes) {
    const prev = old.get(n.id);
    if (!prev || prev === n.data.params) continue;
    const entry = entryOf(n.data.kind);
    for (const key of entry?.live ?? []) {
      const value = Object.hasOwn(n.data.params, key) ? n.data.params[key] : paramDefault(entry!, key);
      const was = Object.hasOwn(prev, key) ? prev[key] : paramDefault(entry!, key);
      if (JSON.stringify(value) !== JSON.stringify(was)) patchNodeParamLive(n.id, [key], value);
    }
  }
  const oldEdges = new Map(before.edges.map((e) => [e.id, e.data]));
  for (const e of after.edges) {
    const prev = oldEdges.get(e.id);
    if (!prev || !e.data || prev === e.data) continue;
    const patch: Record<string, unknown> = {};
    if (prev.capacity !== e.data.capacity) patch.capacity = e.data.capacity;
    if (prev.overflow !== e.data.overflow) patch.overflow = e.data.overflow;
    if (prev.expireMs !== e.data.expireMs) patch.expireMs = e.data.expireMs ?? null;
    if (Object.keys(patch).length > 0) patchEdgeLive(e.id, patch);
  }
}
