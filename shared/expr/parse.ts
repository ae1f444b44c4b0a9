import type { BinaryOp, Node } from './ast.js';
import { ExprError } from './expr-error.js';
import { BP, checkKey, infixPower, KEYWORDS } from './grammar.js';
import { EXPR_LIMITS } from './limits.js';
import { NodeBudget } from './node-budget.js';
import { type Token, tokenize } from './tokenize.js';

/**
 * Parses an expression into the whitelisted tree (a Pratt parser). Throws only `ExprError`.
 *
 * @example parse('a + 1').type // 'binary'
 */
export function parse(src: string): Node {
  if (src.length > EXPR_LIMITS.maxSourceLength) {
    const max = EXPR_LIMITS.maxSourceLength;
    throw new ExprError(`expression is too long (${src.length} characters, limit ${max})`, max, '');
  }
  return new Parser(tokenize(src)).parseAll();
}

class Parser {
  private i = 0;
  private recursion = 0;
  private readonly budget = new NodeBudget();

  constructor(private readonly tokens: Token[]) {}

  parseAll(): Node {
    const node = this.expr(0);
    const t = this.peek();
    if (t.kind !== 'end') {
      const hint = t.kind === 'name' && KEYWORDS.has(t.text.toLowerCase()) ? ' (keywords are lowercase)' : '';
      throw new ExprError(
        `expected end of expression at ${t.pos} but found '${t.text}'${hint}`,
        t.pos,
        t.text,
      );
    }
    return node;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private next(): Token {
    return this.tokens[this.i++]!;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private expect(text: string): Token {
    const t = this.peek();
    if ((t.kind === 'op' || t.kind === 'name') && t.text === text) return this.next();
    const found = t.kind === 'end' ? 'end of expression' : `'${t.text}'`;
    throw new ExprError(`expected '${text}' at ${t.pos} but found ${found}`, t.pos, t.text);
  }

  /** Registers a node with the size and depth budget. */
  private mk<N extends Node>(node: N, ...children: Node[]): N {
    return this.budget.add(node, children);
  }

  private expr(minBp: number): Node {
    if (++this.recursion > EXPR_LIMITS.maxDepth) NodeBudget.tooDeep(this.peek().pos);
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      const bp = infixPower(t, this.tokens[this.i + 1]);
      // `<=` makes equal powers associate left; `^` recurses at a lower power to go right.
      if (bp === null || bp <= minBp) break;
      left = this.infix(left, bp);
    }
    this.recursion--;
    return left;
  }

  private prefix(): Node {
    const t = this.next();
    if (t.kind === 'number' || t.kind === 'string')
      return this.mk({ type: 'literal', value: t.value, pos: t.pos });
    if (t.kind === 'op' && t.text === '(') {
      const inner = this.expr(0);
      this.expect(')');
      return inner;
    }
    if (t.kind === 'op' && t.text === '-') {
      const operand = this.expr(BP.neg);
      return this.mk({ type: 'neg', operand, pos: t.pos }, operand);
    }
    if (t.kind === 'name') return this.word(t);
    const what = t.kind === 'end' ? 'end of expression' : `'${t.text}'`;
    throw new ExprError(`unexpected ${what} at ${t.pos}`, t.pos, t.text);
  }

  private word(t: Token): Node {
    switch (t.text) {
      case 'true':
      case 'false':
        return this.mk({ type: 'literal', value: t.text === 'true', pos: t.pos });
      case 'null':
        return this.mk({ type: 'literal', value: null, pos: t.pos });
      case 'item':
        return this.mk({ type: 'field', path: [], pos: t.pos });
      case 'not': {
        const operand = this.expr(BP.not);
        return this.mk({ type: 'not', operand, pos: t.pos }, operand);
      }
      case 'if': {
        const cond = this.expr(0);
        this.expect('then');
        const then = this.expr(0);
        this.expect('else');
        const otherwise = this.expr(0);
        return this.mk({ type: 'if', cond, then, else: otherwise, pos: t.pos }, cond, then, otherwise);
      }
    }
    if (KEYWORDS.has(t.text)) throw new ExprError(`unexpected '${t.text}' at ${t.pos}`, t.pos, t.text);
    if (this.isOp('(')) return this.call(t);
    checkKey(t.text, t.pos);
    return this.mk({ type: 'field', path: [t.text], pos: t.pos });
  }

  private call(name: Token): Node {
    this.next(); // '('
    const args: Node[] = [];
    if (!this.isOp(')')) {
      args.push(this.expr(0));
      while (this.isOp(',')) {
        this.next();
        args.push(this.expr(0));
      }
    }
    this.expect(')');
    return this.mk({ type: 'call', name: name.text, args, pos: name.pos }, ...args);
  }

  private infix(left: Node, bp: number): Node {
    const t = this.next();
    if (bp === BP.postfix) return this.postfix(left, t);
    if (t.text === 'and' || t.text === 'or') {
      const right = this.expr(bp);
      return this.mk({ type: 'logical', op: t.text, left, right, pos: t.pos }, left, right);
    }
    const node = bp === BP.compare ? this.comparison(left, t) : this.arith(left, t, bp);
    // Non-associative: `a < b < c` reads like maths but would compare a boolean with c.
    if (bp === BP.compare && infixPower(this.peek(), this.tokens[this.i + 1]) === BP.compare) {
      const n = this.peek();
      throw new ExprError(`comparisons cannot be chained at ${n.pos}: use 'and'`, n.pos, n.text);
    }
    return node;
  }

  private arith(left: Node, t: Token, bp: number): Node {
    // `^` is right-associative and its right side may be negative: 2 ^ -1.
    const right = bp === BP.pow ? this.expr(BP.neg) : this.expr(bp);
    return this.mk({ type: 'binary', op: t.text as BinaryOp, left, right, pos: t.pos }, left, right);
  }

  private comparison(left: Node, t: Token): Node {
    if (t.text === 'not' || t.text === 'in') {
      const negated = t.text === 'not';
      if (negated) this.expect('in');
      if (this.isOp('(')) {
        this.next();
        const list = [this.expr(0)];
        while (this.isOp(',')) {
          this.next();
          list.push(this.expr(0));
        }
        this.expect(')');
        return this.mk(
          { type: 'in', needle: left, list, haystack: null, negated, pos: t.pos },
          left,
          ...list,
        );
      }
      const haystack = this.expr(BP.compare + 1);
      return this.mk({ type: 'in', needle: left, list: null, haystack, negated, pos: t.pos }, left, haystack);
    }
    const right = this.expr(BP.compare + 1);
    if (t.text === '~=')
      return this.mk({ type: 'match', subject: left, pattern: right, pos: t.pos }, left, right);
    return this.mk({ type: 'binary', op: t.text as BinaryOp, left, right, pos: t.pos }, left, right);
  }

  private postfix(left: Node, t: Token): Node {
    if (t.text === '(') {
      const msg = `only named functions can be called, e.g. lower(x) (at ${t.pos}); there are no methods`;
      throw new ExprError(msg, t.pos, '(');
    }
    let key: Node;
    if (t.text === '.') {
      const name = this.next();
      if (name.kind !== 'name') {
        throw new ExprError(
          `expected a field name after '.' at ${name.pos} (use a[0] for positions)`,
          name.pos,
          name.text,
        );
      }
      key = { type: 'literal', value: name.text, pos: name.pos };
    } else {
      key = this.expr(0);
      this.expect(']');
    }
    if (key.type === 'literal' && typeof key.value === 'string') checkKey(key.value, key.pos);
    const literal = key.type === 'literal' ? key.value : null;
    if (left.type === 'field' && (typeof literal === 'string' || Number.isInteger(literal))) {
      const path = [...left.path, literal as string | number];
      return this.mk({ type: 'field', path, pos: left.pos }, left);
    }
    if (t.text === '.') key = this.mk(key);
    return this.mk({ type: 'index', object: left, key, pos: t.pos }, left, key);
  }
}
