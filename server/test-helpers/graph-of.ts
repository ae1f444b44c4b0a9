type NodeSpec = [id: string, kind: string, params?: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, extra?: Record<string, unknown>];

/**
 * A graph document (contract format) from a compact description, for tests that go through the
 * REST API. Edge ids are `e1`, `e2`, … in order; ports default to `out` → `in`.
 *
 * @example graphOf([['src', 'generator'], ['out', 'counter']], [['src', 'out']])
 */
export function graphOf(nodes: NodeSpec[], edges: EdgeSpec[]) {
  return {
    schemaVersion: 1,
    name: 'test',
    nodes: nodes.map(([id, kind, params], i) => ({
      id,
      kind,
      position: { x: i * 200, y: 0 },
      params: params ?? {},
    })),
    edges: edges.map(([source, target, extra], i) => ({
      id: `e${i + 1}`,
      source,
      sourcePort: 'out',
      target,
      targetPort: 'in',
      ...extra,
    })),
  };
}
