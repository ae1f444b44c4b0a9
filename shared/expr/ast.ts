/**
 * The whitelisted syntax tree. Nothing outside these node types can be expressed, and the
 * compiler handles each one explicitly, so there is no path from user text to arbitrary code.
 */

export type Literal = null | boolean | number | string;
export type PathKey = string | number;

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '<' | '<=' | '>' | '>=';

export type Node =
  | { type: 'literal'; value: Literal; pos: number }
  /** A static path from the item root; `[]` is the whole item (`item`). */
  | { type: 'field'; path: PathKey[]; pos: number }
  /** `object[key]` with a key computed at run time, or any key on a non-field value. */
  | { type: 'index'; object: Node; key: Node; pos: number }
  | { type: 'neg'; operand: Node; pos: number }
  | { type: 'not'; operand: Node; pos: number }
  | { type: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number }
  | { type: 'logical'; op: 'and' | 'or'; left: Node; right: Node; pos: number }
  | { type: 'match'; subject: Node; pattern: Node; pos: number }
  /** `needle in (a, b)` has a `list`; `needle in expr` tests membership in an array value. */
  | { type: 'in'; needle: Node; list: Node[] | null; haystack: Node | null; negated: boolean; pos: number }
  | { type: 'if'; cond: Node; then: Node; else: Node; pos: number }
  | { type: 'call'; name: string; args: Node[]; pos: number };

/** Joins a static path the way `fields` reports it: `http.status`, `tags.0`. */
export function pathText(path: PathKey[]): string {
  return path.length === 0 ? 'item' : path.join('.');
}
