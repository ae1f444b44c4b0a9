import type { Node } from './ast.js';
import { compileArith, isArithOp, negate } from './compile-arith.js';
import { compileCall } from './compile-call.js';
import { type CompareOp, compileCompare, compileIn } from './compile-compare.js';
import { compileField, compileIndex } from './compile-field.js';
import { compileIf, compileLogical, compileNot } from './compile-logic.js';
import { compileMatch } from './compile-match.js';
import { type Compiled, constant, dynamic, EMPTY_ITEM, type Eval } from './compiled.js';

/**
 * Turns the syntax tree into a tree of closures, once. Every node whose inputs are all
 * constants is evaluated here and replaced by its value (`2 * 60 * 1000` costs nothing per
 * item); this is sound because every operator and function is pure and total.
 */
export function compileNode(node: Node): Compiled {
  switch (node.type) {
    case 'literal':
      return constant(node.value);
    case 'field':
      return compileField(node.path);
    case 'index': {
      const object = compileNode(node.object);
      const key = compileNode(node.key);
      return fold(compileIndex(object, key), [object, key]);
    }
    case 'neg': {
      const operand = compileNode(node.operand);
      const f = operand.fn;
      return fold((it) => negate(f(it)), [operand]);
    }
    case 'not':
      return compileNot(compileNode(node.operand));
    case 'binary': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const op = node.op;
      if (isArithOp(op)) return fold(compileArith(op, left, right), [left, right]);
      return fold(compileCompare(op as CompareOp, left, right), [left, right], true);
    }
    case 'logical':
      return compileLogical(node.op, compileNode(node.left), compileNode(node.right));
    case 'match': {
      const subject = compileNode(node.subject);
      const pattern = compileNode(node.pattern);
      return fold(compileMatch(subject, pattern, node.pattern.pos), [subject, pattern], true);
    }
    case 'in': {
      const needle = compileNode(node.needle);
      const list = node.list?.map(compileNode) ?? null;
      const haystack = node.haystack ? compileNode(node.haystack) : null;
      const kids = [needle, ...(list ?? []), ...(haystack ? [haystack] : [])];
      return fold(compileIn(needle, list, haystack, node.negated), kids, true);
    }
    case 'if':
      return compileIf(compileNode(node.cond), compileNode(node.then), compileNode(node.else));
    case 'call': {
      const args = node.args.map(compileNode);
      return fold(compileCall(node.name, args, node.pos), args);
    }
  }
}

function fold(fn: Eval, kids: Compiled[], bool = false): Compiled {
  return kids.every((k) => k.isConst) ? constant(fn(EMPTY_ITEM)) : dynamic(fn, bool);
}
