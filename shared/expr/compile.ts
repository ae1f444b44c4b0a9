import type { Node } from './ast.js';
import { compileArith, isArithOp, negate } from './compile-arith.js';
import { compileCall } from './compile-call.js';
import { type CompareOp, compileCompare, compileIn, FLIP } from './compile-compare.js';
import { compileField, compileIndex } from './compile-field.js';
import { compileIf, compileLogical, compileNot } from './compile-logic.js';
import { compileMatch } from './compile-match.js';
import { type Compiled, constant, dynamic, EMPTY_ITEM, type Eval } from './compiled.js';
import { arithShape, compareShape, type Shape } from './kernels.js';
import type { ReadMode } from './values.js';

/**
 * Turns the syntax tree into a tree of closures, once. Every node whose inputs are all
 * constants is evaluated here and replaced by its value (`2 * 60 * 1000` costs nothing per
 * item); this is sound because every operator and function is pure and total.
 */
export function compileNode(node: Node, mode: ReadMode): Compiled {
  const sub = (n: Node): Compiled => compileNode(n, mode);
  switch (node.type) {
    case 'literal':
      return constant(node.value);
    case 'field':
      return compileField(node.path, mode);
    case 'index': {
      const object = sub(node.object);
      const key = sub(node.key);
      return fold(compileIndex(object, key), [object, key]);
    }
    case 'neg': {
      const operand = sub(node.operand);
      const f = operand.fn;
      return fold((it) => negate(f(it)), [operand]);
    }
    case 'not':
      return compileNot(sub(node.operand));
    case 'binary': {
      const left = sub(node.left);
      const right = sub(node.right);
      const op = node.op;
      if (isArithOp(op))
        return withShape(
          fold(compileArith(op, left, right, mode), [left, right]),
          arithShape(op, left, right, mode),
        );
      const cmp = op as CompareOp;
      const compared = fold(compileCompare(cmp, left, right, mode), [left, right], true);
      // As compileCompare does, the constant goes on the right.
      return left.isConst && !right.isConst
        ? withShape(compared, compareShape(FLIP[cmp], right, left, mode))
        : withShape(compared, compareShape(cmp, left, right, mode));
    }
    case 'logical':
      return compileLogical(node.op, sub(node.left), sub(node.right));
    case 'match': {
      const subject = sub(node.subject);
      const pattern = sub(node.pattern);
      return fold(compileMatch(subject, pattern, node.pattern.pos, mode.regex), [subject, pattern], true);
    }
    case 'in': {
      const needle = sub(node.needle);
      const list = node.list?.map(sub) ?? null;
      const haystack = node.haystack ? sub(node.haystack) : null;
      const kids = [needle, ...(list ?? []), ...(haystack ? [haystack] : [])];
      return fold(compileIn(needle, list, haystack, node.negated), kids, true);
    }
    case 'if':
      return compileIf(sub(node.cond), sub(node.then), sub(node.else));
    case 'call': {
      const args = node.args.map(sub);
      return fold(compileCall(node.name, args, node.pos, mode), args);
    }
  }
}

/** Notes the shape of a non-constant result (`dynamic` made it, so it is this node's own). */
function withShape(c: Compiled, shape: Shape | null): Compiled {
  if (!c.isConst) c.shape = shape;
  return c;
}

function fold(fn: Eval, kids: Compiled[], bool = false): Compiled {
  return kids.every((k) => k.isConst) ? constant(fn(EMPTY_ITEM)) : dynamic(fn, bool);
}
