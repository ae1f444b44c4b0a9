import { type FunctionSpec, isNum, isStr } from './function-spec.js';
import { EXPR_LIMITS } from './limits.js';

const int = (v: unknown): number | null => (isNum(v) ? Math.trunc(v) : null);

/** String functions. Non-string arguments give null (predicates give false); use str(x) first. */
export const TEXT_FUNCTIONS: FunctionSpec[] = [
  {
    name: 'lower',
    signature: 'lower(s: string): string',
    description: 'The string in lower case.',
    example: 'lower(level)',
    result: '"error"',
    minArgs: 1,
    maxArgs: 1,
    fixed: (s) => (isStr(s) ? s.toLowerCase() : null),
  },
  {
    name: 'upper',
    signature: 'upper(s: string): string',
    description: 'The string in upper case.',
    example: 'upper("warn")',
    result: '"WARN"',
    minArgs: 1,
    maxArgs: 1,
    fixed: (s) => (isStr(s) ? s.toUpperCase() : null),
  },
  {
    name: 'trim',
    signature: 'trim(s: string): string',
    description: 'The string without leading and trailing white space.',
    example: 'trim(message)',
    result: '"Upstream Timeout after 30s"',
    minArgs: 1,
    maxArgs: 1,
    fixed: (s) => (isStr(s) ? s.trim() : null),
  },
  {
    name: 'len',
    signature: 'len(x: string | array): number',
    description: 'Length of a string (in UTF-16 units) or of an array; null for anything else.',
    example: 'len(tags)',
    result: '2',
    minArgs: 1,
    maxArgs: 1,
    fixed: (x) => (isStr(x) || Array.isArray(x) ? x.length : null),
  },
  {
    name: 'contains',
    signature: 'contains(x: string | array, part: any): boolean',
    description:
      'Whether the string contains `part` as a substring, or the array has an element equal to it.',
    example: 'contains(tags, "eu") and contains(key, "42")',
    result: 'true',
    minArgs: 2,
    maxArgs: 2,
    fixed: (x, part) =>
      isStr(x) ? isStr(part) && x.includes(part) : Array.isArray(x) ? includesValue(x, part) : false,
  },
  {
    name: 'startsWith',
    signature: 'startsWith(s: string, prefix: string): boolean',
    description: 'Whether the string starts with the prefix.',
    example: 'startsWith(key, "user-")',
    result: 'true',
    minArgs: 2,
    maxArgs: 2,
    fixed: (s, p) => isStr(s) && isStr(p) && s.startsWith(p),
  },
  {
    name: 'endsWith',
    signature: 'endsWith(s: string, suffix: string): boolean',
    description: 'Whether the string ends with the suffix.',
    example: 'endsWith(key, "-42")',
    result: 'true',
    minArgs: 2,
    maxArgs: 2,
    fixed: (s, p) => isStr(s) && isStr(p) && s.endsWith(p),
  },
  {
    name: 'substr',
    signature: 'substr(s: string, start: number, length?: number): string',
    description:
      'Part of the string from `start` (0-based; negative counts from the end), `length` characters long or to the end.',
    example: 'substr(key, 0, 4) + "/" + substr(key, -2)',
    result: '"user/42"',
    minArgs: 2,
    maxArgs: 3,
    fixed: (s, start, length) => {
      const from = int(start);
      const count = length === undefined ? Number.POSITIVE_INFINITY : int(length);
      if (!isStr(s) || from === null || count === null) return null;
      const begin = from < 0 ? Math.max(0, s.length + from) : from;
      return s.slice(begin, begin + Math.max(0, count));
    },
  },
  {
    name: 'indexOf',
    signature: 'indexOf(s: string, part: string): number',
    description: 'Position of the first occurrence of `part` in the string, or -1.',
    example: 'indexOf(key, "-")',
    result: '4',
    minArgs: 2,
    maxArgs: 2,
    fixed: (s, p) => (isStr(s) && isStr(p) ? s.indexOf(p) : null),
  },
  {
    name: 'replace',
    signature: 'replace(s: string, find: string, with: string): string',
    description: `Replaces every occurrence of the literal text \`find\` (not a regex). Results longer than ${EXPR_LIMITS.maxBuiltString} characters give null.`,
    example: 'replace(key, "-", ":")',
    result: '"user:42"',
    minArgs: 3,
    maxArgs: 3,
    fixed: (s, find, by) => (isStr(s) && isStr(find) && isStr(by) ? replaceAll(s, find, by) : null),
  },
  {
    name: 'split',
    signature: 'split(s: string, separator: string): array',
    description: 'The parts of the string between separators, as an array ("" splits into characters).',
    example: 'split(key, "-")[1]',
    result: '"42"',
    minArgs: 2,
    maxArgs: 2,
    fixed: (s, sep) => (isStr(s) && isStr(sep) ? s.split(sep) : null),
  },
];

function includesValue(arr: readonly unknown[], v: unknown): boolean {
  for (let i = 0; i < arr.length; i++) if (arr[i] === v) return true;
  return false;
}

// Counting first bounds the output: replacing one character of a long item string with a
// 2,000-character literal could otherwise build a gigabyte string.
function replaceAll(s: string, find: string, by: string): string | null {
  if (find === '') return s;
  let count = 0;
  for (let at = s.indexOf(find); at !== -1; at = s.indexOf(find, at + find.length)) count++;
  if (s.length + count * (by.length - find.length) > EXPR_LIMITS.maxBuiltString) return null;
  return s.split(find).join(by);
}
