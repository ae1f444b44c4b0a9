import { processOf, replicasOf } from '../../../shared/graph/edge-transport.js';
import { DEFAULT_PROCESS } from '../../../shared/graph/graph-schema.js';

/**
 * Where a node runs, in its header: ×N when replicated, and its process when it is not "main".
 * Nothing at all for a node of an ordinary one-process graph.
 */
export function NodeDistBadges({
  id,
  process,
  replicas,
}: {
  id: string;
  process?: string;
  replicas?: number;
}) {
  const named = processOf({ process }) !== DEFAULT_PROCESS;
  const copies = replicasOf({ replicas });
  if (!named && copies <= 1) return null;
  const where = named ? ` in process “${process}”` : '';
  return (
    <>
      {named && (
        <span className="dist-badge dist-badge--process" data-testid={`process-${id}`} title={`Runs${where}`}>
          {process}
        </span>
      )}
      {copies > 1 && (
        <span
          className="dist-badge"
          data-testid={`replicas-${id}`}
          title={`${copies} replicas${where}, sharing one broker queue of input`}
        >
          ×{copies}
        </span>
      )}
    </>
  );
}
