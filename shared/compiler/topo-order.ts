import type { Graph } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';

/**
 * Pass 4: graphs are acyclic. Returns node ids in topological order (Kahn), or one issue per
 * node left on a cycle.
 */
export function topoOrder(graph: Graph): { order: string[]; issues: Issue[] } {
  const indegree = new Map<string, number>(graph.nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    if (!indegree.has(e.source) || !indegree.has(e.target)) continue;
    next.get(e.source)!.push(e.target);
    indegree.set(e.target, indegree.get(e.target)! + 1);
  }
  const ready = graph.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const t of next.get(id)!) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  if (order.length === graph.nodes.length) return { order, issues: [] };
  const issues = graph.nodes.flatMap((n, i) =>
    indegree.get(n.id)! > 0
      ? [{ path: `nodes.${i}`, nodeId: n.id, message: `"${n.id}" is on a cycle; graphs must be acyclic` }]
      : [],
  );
  return { order, issues };
}
