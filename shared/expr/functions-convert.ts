import { type FunctionSpec, isNum, isStr, MAX_VARIADIC_ARGS } from './function-spec.js';
import { fnv1a32 } from './hash.js';
import { fin, isTruthy, toText, typeName } from './values.js';

function toNumber(x: unknown): number | null {
  if (isNum(x)) return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  // Number('') and Number('  ') are 0, which would turn blank fields into zeros.
  if (isStr(x) && x.trim() !== '') return fin(Number(x));
  return null;
}

/** Conversions, null handling and hashing. */
export const CONVERT_FUNCTIONS: FunctionSpec[] = [
  {
    name: 'num',
    signature: 'num(x: any): number',
    description: 'x as a number: numeric strings are parsed, true/false give 1/0, anything else gives null.',
    example: 'num("2.5") * 2',
    result: '5',
    minArgs: 1,
    maxArgs: 1,
    fixed: toNumber,
  },
  {
    name: 'str',
    signature: 'str(x: any): string',
    description:
      'x as text: numbers and booleans are formatted, arrays and objects become JSON; null stays null.',
    example: '"status " + str(http.status)',
    result: '"status 503"',
    minArgs: 1,
    maxArgs: 1,
    fixed: toText,
  },
  {
    name: 'bool',
    signature: 'bool(x: any): boolean',
    description: 'Truthiness of x: false, null, 0 and "" are false, everything else is true.',
    example: 'bool("") or bool(tags)',
    result: 'true',
    minArgs: 1,
    maxArgs: 1,
    fixed: isTruthy,
  },
  {
    name: 'type',
    signature: 'type(x: any): string',
    description: 'The type of x: "null", "boolean", "number", "string", "array" or "object".',
    example: 'type(http)',
    result: '"object"',
    minArgs: 1,
    maxArgs: 1,
    fixed: typeName,
  },
  {
    name: 'coalesce',
    signature: 'coalesce(x: any, ...fallbacks: any[]): any',
    description: 'The first argument that is not null; use it to give missing fields a default.',
    example: 'coalesce(region, "unknown")',
    result: '"unknown"',
    minArgs: 1,
    maxArgs: MAX_VARIADIC_ARGS,
    variadic: (args) => {
      for (let i = 0; i < args.length; i++) if (args[i] !== null) return args[i];
      return null;
    },
  },
  {
    name: 'hash',
    signature: 'hash(x: any): number',
    description:
      'A stable 32-bit hash (FNV-1a of the UTF-8 text of str(x)), 0 … 4294967295; hash(null) is 0. The same on every machine, so `hash(key) % 4` partitions consistently.',
    example: 'hash("a")',
    result: '3826002220',
    minArgs: 1,
    maxArgs: 1,
    fixed: (x) => {
      const text = toText(x);
      return text === null ? 0 : fnv1a32(text);
    },
  },
];
