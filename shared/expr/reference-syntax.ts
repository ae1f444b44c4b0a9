/** One documented piece of syntax; `example` runs against `REFERENCE_SAMPLE_ITEM` and gives `result` (JSON). */
export interface SyntaxEntry {
  syntax: string;
  description: string;
  example: string;
  result: string;
}

export interface OperatorEntry extends SyntaxEntry {
  /** 1 binds loosest; operators with a higher number are applied first. */
  precedence: number;
  associativity: 'left' | 'right' | 'none' | 'prefix';
}

export const LITERALS: SyntaxEntry[] = [
  { syntax: '42, 2.5, 1e3', description: 'Numbers (always finite).', example: '1e3 + 2.5', result: '1002.5' },
  {
    syntax: '"text", \'text\'',
    description:
      'Strings in double or single quotes. Escapes: \\n \\t \\r \\0 \\\\ \\" \\\' \\uXXXX. Any other backslash is an error, so regexes write \\\\d.',
    example: '"a\\tb" == \'a\\tb\'',
    result: 'true',
  },
  {
    syntax: 'true, false, null',
    description: 'Booleans and null (null also stands for a missing field).',
    example: 'missing == null',
    result: 'true',
  },
  {
    syntax: 'name, a.b.c',
    description:
      'A field of the item, or a nested field. Names are ASCII letters, digits and _; other names need item["..."]. Missing fields read as null.',
    example: 'http.status',
    result: '503',
  },
  {
    syntax: 'item["key"], a[0]',
    description: 'Fields whose names are not plain words, and array elements. `item` is the whole item.',
    example: 'item["odd key"] + tags[0]',
    result: '"yesapi"',
  },
];

export const OPERATORS: OperatorEntry[] = [
  {
    syntax: 'if c then a else b',
    precedence: 1,
    associativity: 'prefix',
    description: 'a when c is truthy, otherwise b.',
    example: 'if latencyMs > 250 then "slow" else "fast"',
    result: '"slow"',
  },
  {
    syntax: 'a or b',
    precedence: 2,
    associativity: 'left',
    description: 'true when either side is truthy; b is skipped when a is.',
    example: 'level == "WARN" or level == "ERROR"',
    result: 'true',
  },
  {
    syntax: 'a and b',
    precedence: 3,
    associativity: 'left',
    description: 'true when both sides are truthy; b is skipped when a is not.',
    example: 'level == "ERROR" and latencyMs > 250',
    result: 'true',
  },
  {
    syntax: 'not a',
    precedence: 4,
    associativity: 'prefix',
    description: 'true when a is falsy. Binds looser than comparisons: not a == b means not (a == b).',
    example: 'not level == "INFO"',
    result: 'true',
  },
  {
    syntax: 'a == b, a != b',
    precedence: 5,
    associativity: 'none',
    description: 'Equal / not equal, with no type coercion: 1 == "1" is false, null == null is true.',
    example: 'http.status == 503',
    result: 'true',
  },
  {
    syntax: 'a < b, a <= b, a > b, a >= b',
    precedence: 5,
    associativity: 'none',
    description:
      'Order of two numbers or two strings; any other pair (e.g. with null) is false. Cannot be chained: write a < b and b < c.',
    example: '"abc" < "abd"',
    result: 'true',
  },
  {
    syntax: 's ~= "regex"',
    precedence: 5,
    associativity: 'none',
    description:
      'true when the RE2 regex (linear time, no backtracking) matches anywhere in s; anchor with ^ and $, ignore case with (?i). The pattern must be a string literal.',
    example: 'message ~= "(?i)timeout after \\\\d+s"',
    result: 'true',
  },
  {
    syntax: 'x in (a, b), x not in (a, b)',
    precedence: 5,
    associativity: 'none',
    description:
      'Whether x equals one of the listed values; without parentheses the right side is an array (x in tags).',
    example: 'level in ("WARN", "ERROR") and "eu" in tags',
    result: 'true',
  },
  {
    syntax: 'a + b',
    precedence: 6,
    associativity: 'left',
    description:
      'Adds numbers; when either side is a string, joins the text of both. null on either side gives null.',
    example: '"id-" + id',
    result: '"id-7"',
  },
  {
    syntax: 'a - b',
    precedence: 6,
    associativity: 'left',
    description: 'Subtraction.',
    example: 'latencyMs - 20',
    result: '400',
  },
  {
    syntax: 'a * b, a / b, a % b',
    precedence: 7,
    associativity: 'left',
    description:
      'Multiply, divide, remainder (sign of a). Division or remainder by zero gives null, as does any non-finite result.',
    example: 'value * 2 + 10 / 4 + 7 % 5',
    result: '46.5',
  },
  {
    syntax: '-a',
    precedence: 8,
    associativity: 'prefix',
    description: 'Negation.',
    example: '-value',
    result: '-21',
  },
  {
    syntax: 'a ^ b',
    precedence: 9,
    associativity: 'right',
    description: 'Power. Binds tighter than minus: -2 ^ 2 is -4; 2 ^ 3 ^ 2 is 2 ^ 9. (** is not supported.)',
    example: '2 ^ 10',
    result: '1024',
  },
  {
    syntax: 'a.b, a[k], f(x), ( )',
    precedence: 10,
    associativity: 'left',
    description:
      'Field access, indexing, function calls and grouping. Only the listed functions exist; there are no methods.',
    example: '(value + 1) * 2',
    result: '44',
  },
];

/** Rules that apply everywhere, shown as short paragraphs. */
export const RULES: Array<{ topic: string; text: string }> = [
  {
    topic: 'Values',
    text: 'null, true/false, finite numbers and strings; arrays and objects can be read from the item but not written as literals.',
  },
  {
    topic: 'Missing data',
    text: 'A missing field is null. Arithmetic with null gives null, comparisons with null are false (except == null), and functions given the wrong type give null. Evaluation never fails.',
  },
  {
    topic: 'Truthiness',
    text: 'false, null, 0 and "" are falsy; everything else is truthy. filter keeps items whose expression is truthy; and/or/not always give true or false.',
  },
  {
    topic: 'Numbers',
    text: 'Division by zero, overflow and other non-finite results give null, so results always serialise as JSON.',
  },
  {
    topic: 'Safety',
    text: "Expressions only read the item's own data: no assignment, loops, methods or globals; __proto__, constructor and prototype are rejected.",
  },
];
