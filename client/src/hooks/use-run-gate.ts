import { runBlockReason } from '../lib/run-gate.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useIssuesStore } from '../stores/issues-store.js';
import { useRunStore } from '../stores/run-store.js';

/** Why Run is disabled (null when it is not), recomputed only when one of its inputs changes. */
export function useRunBlockReason(): string | null {
  const phase = useRunStore((s) => s.phase);
  const starting = useRunStore((s) => s.pending === 'start');
  const nodeCount = useGraphStore((s) => s.nodes.length);
  const issues = useIssuesStore((s) => s.all);
  return runBlockReason({ phase, starting, nodeCount, issues });
}
