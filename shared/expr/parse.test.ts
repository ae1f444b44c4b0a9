import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { parse } from './parse.js';

/** Renders the tree fully parenthesised so precedence is visible in the assertion. */
function show(n: Node): string {
  switch (n.type) {
    case 'literal':
      return JSON.stringify(n.value);
    case 'field':
      return n.path.length === 0 ? 'item' : n.path.join('.');
    case 'index':
      return `${show(n.object)}[${show(n.key)}]`;
    case 'neg':
      return `(-${show(n.operand)})`;
    case 'not':
      return `(not ${show(n.operand)})`;
    case 'binary':
    case 'logical':
      return `(${show(n.left)} ${n.op} ${show(n.right)})`;
    case 'match':
      return `(${show(n.subject)} ~= ${show(n.pattern)})`;
    case 'in': {
      const rhs = n.list ? `(${n.list.map(show).join(', ')})` : show(n.haystack!);
      return `(${show(n.needle)} ${n.negated ? 'not in' : 'in'} ${rhs})`;
    }
    case 'if':
      return `(if ${show(n.cond)} then ${show(n.then)} else ${show(n.else)})`;
    case 'call':
      return `${n.name}(${n.args.map(show).join(', ')})`;
  }
}

describe('parse: precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['2 ^ 3 ^ 2', '(2 ^ (3 ^ 2))'],
    ['-2 ^ 2', '(-(2 ^ 2))'],
    ['2 ^ -1', '(2 ^ (-1))'],
    ['-a * b', '((-a) * b)'],
    ['a + b == c * d', '((a + b) == (c * d))'],
    ['a or b and c', '(a or (b and c))'],
    ['not a == b', '(not (a == b))'],
    ['not a and b', '((not a) and b)'],
    ['a == 1 or b ~= "x"', '((a == 1) or (b ~= "x"))'],
    ['x in (1, 2) and y not in ("a")', '((x in (1, 2)) and (y not in ("a")))'],
    ['"a" in tags', '("a" in tags)'],
    ['if a then b else c or d', '(if a then b else (c or d))'],
    ['1 + if a then 2 else 3', '(1 + (if a then 2 else 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['min(a, b + 1) * 2', '(min(a, (b + 1)) * 2)'],
  ])('%s', (src, tree) => {
    expect(show(parse(src))).toBe(tree);
  });
});

describe('parse: fields', () => {
  it.each([
    ['http.status', 'http.status'],
    ['item["odd key"]', 'odd key'],
    ['item.value', 'value'],
    ['tags[0]', 'tags.0'],
    ['a.in.if', 'a.in.if'],
    ['item', 'item'],
  ])('%s is the static path %s', (src, path) => {
    expect(show(parse(src))).toBe(path);
  });

  it('keeps computed keys as index nodes', () => {
    expect(show(parse('item[key]'))).toBe('item[key]');
    expect(show(parse('split(s, "-")[1]'))).toBe('split(s, "-")[1]');
  });
});
