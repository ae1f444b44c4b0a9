import type { XYPosition } from '@xyflow/react';
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import type { NodePorts } from './ports.js';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
  ports: NodePorts;
}

export interface LayoutEdge {
  id: string;
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}

/** Room between columns for the queue gauge drawn at each edge's middle. */
const LAYER_GAP = '130';
const NODE_GAP = '48';

/**
 * The ELK graph for a left-to-right layered layout with named ports in a fixed order, so edges
 * leave `out0`, `out1`, `error` in the order the node draws them and cross less.
 */
export function toElkGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): ElkNode {
  const portId = (node: string, port: string) => `${node}\u0000${port}`;
  const known = new Set<string>();
  const children: ElkNode[] = nodes.map((n) => {
    const ports = [
      ...n.ports.inputs.map((p) => ({ id: portId(n.id, p), side: 'WEST' })),
      ...n.ports.outputs.map((p) => ({ id: portId(n.id, p), side: 'EAST' })),
    ];
    for (const p of ports) known.add(p.id);
    return {
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: ports.map((p) => ({
        id: p.id,
        width: 1,
        height: 1,
        layoutOptions: { 'elk.port.side': p.side },
      })),
    };
  });
  const ids = new Set(nodes.map((n) => n.id));
  // An edge on a port that no longer exists (a lowered output count) still pulls its nodes together.
  const end = (node: string, port: string | null | undefined) => {
    const id = portId(node, port ?? '');
    return known.has(id) ? id : node;
  };
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': LAYER_GAP,
      'elk.spacing.nodeNode': NODE_GAP,
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '80',
    },
    children,
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e) => ({
        id: e.id,
        sources: [end(e.source, e.sourceHandle)],
        targets: [end(e.target, e.targetHandle)],
      })),
  };
}

/**
 * New top-left positions for every node, laid out left to right by ELK (loaded on first use:
 * it is a large bundle that most sessions never need).
 *
 * @example const positions = await autoLayout(nodes, edges); store.moveNodes(positions);
 */
export async function autoLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  origin: XYPosition = { x: 0, y: 0 },
): Promise<Map<string, XYPosition>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const result = await new ELK().layout(toElkGraph(nodes, edges));
  const snapTo = (v: number) => Math.round(v / 16) * 16;
  return new Map(
    (result.children ?? []).map((c) => [
      c.id,
      { x: snapTo(origin.x + (c.x ?? 0)), y: snapTo(origin.y + (c.y ?? 0)) },
    ]),
  );
}
