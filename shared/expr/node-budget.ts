import type { Node } from './ast.js';
import { ExprError } from './expr-error.js';
import { EXPR_LIMITS } from './limits.js';

/**
 * Counts syntax-tree nodes and tracks each node's depth as the parser builds them, so a
 * hostile expression is rejected before the compiler recurses over it. Depth is measured on
 * the tree (not just parentheses) so a long `a and b and c …` chain counts as deep too.
 */
export class NodeBudget {
  private count = 0;
  private readonly depth = new Map<Node, number>();

  add<N extends Node>(node: N, children: Node[]): N {
    if (++this.count > EXPR_LIMITS.maxNodes) {
      const msg = `expression is too large (more than ${EXPR_LIMITS.maxNodes} parts) at ${node.pos}`;
      throw new ExprError(msg, node.pos, '');
    }
    let d = 1;
    for (const c of children) d = Math.max(d, (this.depth.get(c) ?? 1) + 1);
    if (d > EXPR_LIMITS.maxDepth) NodeBudget.tooDeep(node.pos);
    this.depth.set(node, d);
    return node;
  }

  static tooDeep(pos: number): never {
    const msg = `expression nests too deeply (more than ${EXPR_LIMITS.maxDepth} levels) at ${pos}`;
    throw new ExprError(msg, pos, '');
  }
}
