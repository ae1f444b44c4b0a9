import type { z } from 'zod';

type ZodIssue = z.ZodError['issues'][number];

/** Full precision, grouped: a limit is quoted exactly (10,000,000, 0.1), never as "10M". */
const EXACT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** zod's own wording starts so; a schema's custom message (".int('must be a whole number')") does not. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid input): expected /;

function bound(i: { origin: string; inclusive?: boolean }, n: number | bigint, low: boolean): string {
  const v = typeof n === 'bigint' ? n.toString() : EXACT.format(n);
  switch (i.origin) {
    case 'number':
    case 'int':
      if (low) return i.inclusive === false ? `must be more than ${v}` : `must be at least ${v}`;
      return i.inclusive === false ? `must be less than ${v}` : `must be at most ${v}`;
    case 'string':
      if (low && v === '1') return 'must not be empty';
      return `must be ${low ? 'at least' : 'at most'} ${v} character${v === '1' ? '' : 's'}`;
    case 'array':
      return `must have ${low ? 'at least' : 'at most'} ${v} item${v === '1' ? '' : 's'}`;
    default:
      return '';
  }
}

/**
 * A validation issue in the words a form field shows under it. zod's defaults read like a type
 * checker's ("Too small: expected number to be >=0.1", "Invalid input: expected int, received
 * number" for 2.5): these say what the value must be. Custom messages, and issues not listed
 * here, keep their own text.
 *
 * @example issueWords({ code: 'too_small', origin: 'number', minimum: 0.1, inclusive: true, … }) // 'must be at least 0.1'
 * @example issueWords({ code: 'invalid_type', expected: 'int', … }) // 'must be a whole number'
 */
export function issueWords(i: ZodIssue): string {
  if (!ZOD_DEFAULT.test(i.message)) return i.message;
  let words = '';
  if (i.code === 'too_small') words = bound(i, i.minimum, true);
  else if (i.code === 'too_big') words = bound(i, i.maximum, false);
  else if (i.code === 'invalid_type' && i.expected === 'int') words = 'must be a whole number';
  return words || i.message;
}
