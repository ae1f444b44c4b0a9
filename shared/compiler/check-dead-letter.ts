import type { Graph } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';

/**
 * Pass: `errorPolicy: dead-letter` needs somewhere to send what failed. With the `error` port
 * unconnected every failed item would leave the graph unseen, so this is an error, not a warning:
 * the compile result has no warnings the user would see, and a run must never lose items
 * silently. Connect the port, or choose `skip` (failed items counted as skipped).
 */
export function checkDeadLetter(graph: Graph, params: ReadonlyMap<string, Record<string, unknown>>): Issue[] {
  const issues: Issue[] = [];
  const withErrorEdge = new Set(graph.edges.filter((e) => e.sourcePort === 'error').map((e) => e.source));
  graph.nodes.forEach((node, i) => {
    if (params.get(node.id)?.errorPolicy !== 'dead-letter' || withErrorEdge.has(node.id)) return;
    issues.push({
      path: `nodes.${i}.params.errorPolicy`,
      nodeId: node.id,
      message:
        'errorPolicy dead-letter sends failed items out of the error port, but nothing is connected to it: ' +
        'connect the error port, or choose skip',
    });
  });
  return issues;
}
