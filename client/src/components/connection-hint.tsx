import { type Connection, type Handle, useConnection } from '@xyflow/react';
import { problemWith } from '../stores/graph-queries.js';

/** The connection a drag from one handle to another would make, oriented output → input. */
export function attemptOf(from: Handle, to: Handle): Connection | null {
  if (from.type === to.type) return null;
  const [out, inp] = from.type === 'source' ? [from, to] : [to, from];
  return {
    source: out.nodeId,
    sourceHandle: out.id ?? null,
    target: inp.nodeId,
    targetHandle: inp.id ?? null,
  };
}

/**
 * While a connection is dragged over a port that refuses it, says why next to the pointer
 * ("That would make a cycle: …"), so the user learns the rule instead of guessing.
 */
export function ConnectionHint() {
  const c = useConnection();
  if (!c.inProgress || c.isValid !== false || !c.toHandle) return null;
  const attempt = attemptOf(c.fromHandle, c.toHandle);
  const reason = attempt ? problemWith(attempt) : 'Connect an output port to an input port';
  if (!reason) return null;
  return (
    <div
      className="connection-hint"
      data-testid="connection-hint"
      style={{ transform: `translate(${c.pointer.x + 14}px, ${c.pointer.y + 14}px)` }}
    >
      <span aria-hidden="true">⊘</span> {reason}
    </div>
  );
}
