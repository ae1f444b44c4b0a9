import { describeRunError } from '../lib/run-error.js';
import { useRunStore } from '../stores/run-store.js';

/** Marks the node a failed run stopped at; its tooltip is the reason. Re-renders only on failure. */
export function FailedBadge({ id }: { id: string }) {
  const reason = useRunStore((s) =>
    s.phase === 'failed' && s.runError?.nodeId === id ? describeRunError(s.runError).reason : null,
  );
  if (reason === null) return null;
  return (
    <span className="failed-badge" data-testid={`node-failed-${id}`} title={reason}>
      ✖ failed
    </span>
  );
}

/** Whether `id` is the node a failed run stopped at (for the node's red outline). */
export function useFailedHere(id: string): boolean {
  return useRunStore((s) => s.phase === 'failed' && s.runError?.nodeId === id);
}
