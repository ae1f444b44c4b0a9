import type { QueueEdge } from './flow-types.js';
import { nextEdgeId } from './ids.js';
import type { NodePorts } from './ports.js';

/**
 * The edges after a node is dropped onto `edgeId`: source → node → target. The node takes the
 * edge on its first input and sends on through its first output (ports as its kind declares
 * them); both halves keep the queue's capacity, overflow and transport. The first half keeps the
 * edge's id, so its settings and history stay with the queue the user saw. Returns a reason
 * instead when the node cannot go there.
 *
 *   a ──e1──▶ b    drop n on e1    a ──e1──▶ n ──e2──▶ b
 */
export function insertOnEdge(
  edges: readonly QueueEdge[],
  edgeId: string,
  nodeId: string,
  ports: NodePorts,
): QueueEdge[] | string {
  const edge = edges.find((e) => e.id === edgeId);
  if (!edge) return 'That queue is gone';
  if (edge.source === nodeId || edge.target === nodeId) return 'The node is already on that queue';
  if (edges.some((e) => e.source === nodeId || e.target === nodeId))
    return 'Only a node without connections can be dropped into a queue';
  const [input] = ports.inputs;
  const [output] = ports.outputs;
  if (input === undefined) return 'It has no input: a source cannot go in the middle of a queue';
  if (output === undefined) return 'It has no output: a sink cannot go in the middle of a queue';
  const data = { ...edge.data!, held: undefined };
  delete data.held;
  const first: QueueEdge = { ...edge, target: nodeId, targetHandle: input, data, selected: false };
  const second: QueueEdge = {
    id: nextEdgeId(edges.map((e) => e.id)),
    type: edge.type,
    source: nodeId,
    sourceHandle: output,
    target: edge.target,
    targetHandle: edge.targetHandle ?? 'in',
    data: { ...data },
    ...(edge.markerEnd ? { markerEnd: edge.markerEnd } : {}),
  };
  return edges.flatMap((e) => (e.id === edgeId ? [first, second] : [e]));
}
