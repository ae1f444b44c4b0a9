import { type Node, pathText } from './ast.js';
import { ExprError } from './expr-error.js';
import { closeMatches } from './functions.js';

interface FieldUse {
  text: string;
  pos: number;
}

/** Every static field path the expression reads, in source order (`http.status`, `tags.0`). */
export function collectFields(node: Node, out: FieldUse[] = []): FieldUse[] {
  switch (node.type) {
    case 'field':
      if (node.path.length > 0) out.push({ text: pathText(node.path), pos: node.pos });
      break;
    case 'index':
      collectFields(node.object, out);
      collectFields(node.key, out);
      break;
    case 'neg':
    case 'not':
      collectFields(node.operand, out);
      break;
    case 'binary':
    case 'logical':
      collectFields(node.left, out);
      collectFields(node.right, out);
      break;
    case 'match':
      collectFields(node.subject, out);
      collectFields(node.pattern, out);
      break;
    case 'in':
      collectFields(node.needle, out);
      for (const n of node.list ?? []) collectFields(n, out);
      if (node.haystack) collectFields(node.haystack, out);
      break;
    case 'if':
      collectFields(node.cond, out);
      collectFields(node.then, out);
      collectFields(node.else, out);
      break;
    case 'call':
      for (const n of node.args) collectFields(n, out);
      break;
  }
  return out;
}

/**
 * With a known-fields list, a path is accepted when it or one of its prefixes is listed, so
 * `['http']` allows `http.status` while `['http.status']` allows only that path.
 */
export function checkKnownFields(uses: FieldUse[], known: readonly string[]): void {
  const set = new Set(known);
  for (const use of uses) {
    const parts = use.text.split('.');
    const ok = parts.some((_, i) => set.has(parts.slice(0, i + 1).join('.')));
    if (ok) continue;
    const near = closeMatches(use.text, known);
    const hint = near.length > 0 ? `; did you mean ${near.join(', ')}?` : '';
    const list = known.length > 0 ? ` (known fields: ${known.slice(0, 20).join(', ')})` : '';
    throw new ExprError(`unknown field '${use.text}' at ${use.pos}${hint}${list}`, use.pos, use.text);
  }
}
