import { getKind } from '../catalog/catalog.js';
import { portsOf } from '../catalog/define-kind.js';
import type { Graph } from '../graph/graph-schema.js';
import type { Issue } from './issue.js';

/**
 * Pass 3: ids are unique, every edge joins existing nodes on ports their kinds have, and every
 * input port is fed by at least one edge.
 */
export function checkStructure(graph: Graph, params: ReadonlyMap<string, Record<string, unknown>>): Issue[] {
  const issues: Issue[] = [];
  const nodeIndex = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (nodeIndex.has(n.id))
      issues.push({ path: `nodes.${i}.id`, nodeId: n.id, message: `duplicate node id "${n.id}"` });
    else nodeIndex.set(n.id, i);
  });
  const edgeIds = new Set<string>();
  const fed = new Set<string>();
  graph.edges.forEach((e, i) => {
    const at = (field: string) => `edges.${i}.${field}`;
    if (edgeIds.has(e.id))
      issues.push({ path: at('id'), edgeId: e.id, message: `duplicate edge id "${e.id}"` });
    edgeIds.add(e.id);
    const src = nodeIndex.has(e.source) ? graph.nodes[nodeIndex.get(e.source)!] : undefined;
    const dst = nodeIndex.has(e.target) ? graph.nodes[nodeIndex.get(e.target)!] : undefined;
    if (!src)
      issues.push({ path: at('source'), edgeId: e.id, message: `source node "${e.source}" does not exist` });
    if (!dst)
      issues.push({ path: at('target'), edgeId: e.id, message: `target node "${e.target}" does not exist` });
    const srcKind = src && getKind(src.kind);
    const dstKind = dst && getKind(dst.kind);
    const srcPorts = srcKind && portsOf(srcKind, params.get(e.source));
    const dstPorts = dstKind && portsOf(dstKind, params.get(e.target));
    if (srcKind && srcPorts && !srcPorts.outputs.includes(e.sourcePort)) {
      const has = srcPorts.outputs.length ? `it has ${srcPorts.outputs.join(', ')}` : 'it has no outputs';
      issues.push({
        path: at('sourcePort'),
        edgeId: e.id,
        nodeId: e.source,
        message: `${srcKind.kind} "${e.source}" has no output port "${e.sourcePort}" (${has})`,
      });
    }
    if (dstKind && dstPorts && !dstPorts.inputs.includes(e.targetPort)) {
      const has = dstPorts.inputs.length ? `it has ${dstPorts.inputs.join(', ')}` : 'it has no inputs';
      issues.push({
        path: at('targetPort'),
        edgeId: e.id,
        nodeId: e.target,
        message: `${dstKind.kind} "${e.target}" has no input port "${e.targetPort}" (${has})`,
      });
    }
    fed.add(`${e.target}\u0000${e.targetPort}`);
  });
  graph.nodes.forEach((n, i) => {
    const kind = getKind(n.kind);
    for (const port of kind ? portsOf(kind, params.get(n.id)).inputs : []) {
      if (!fed.has(`${n.id}\u0000${port}`)) {
        issues.push({
          path: `nodes.${i}`,
          nodeId: n.id,
          message: `input port "${port}" of "${n.id}" is not connected`,
        });
      }
    }
  });
  return issues;
}
