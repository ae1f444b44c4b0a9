import type { Compiled, Eval } from './compiled.js';
import { ExprError } from './expr-error.js';
import { RegexCharges } from './regex-budget.js';
import { cachedRegex } from './regex-cache.js';
import type { RegexProgram } from './regex-engine.js';

// Any of these makes a pattern a real regex; without them it is plain text and a substring
// search (String#includes) gives the same answer several times faster than the regex engine.
const META = /[\\.+*?()|[\]{}^$]/;

/**
 * `text ~= "pattern"`: true when the pattern matches anywhere in the text (anchor with ^ $).
 * Patterns use RE2 syntax and run on re2js, whose matching time is linear in the input, so no
 * pattern can backtrack catastrophically. The pattern must be a constant so it is compiled
 * once here, never per item. Compiling is what can be slow (a program of up to hundreds of
 * thousands of instructions), so the pattern's cost is checked from its text first (`charges`),
 * and compiled programs are shared through a cache. Numbers and booleans are matched as their
 * text; other values never match.
 */
export function compileMatch(
  subject: Compiled,
  pattern: Compiled,
  pos: number,
  charges: RegexCharges = new RegexCharges(),
): Eval {
  if (!pattern.isConst || typeof pattern.value !== 'string') {
    const msg = `the pattern after '~=' must be a string literal at ${pos} (patterns are compiled once)`;
    throw new ExprError(msg, pos, '~=');
  }
  const source = pattern.value;
  const sf = subject.fn;
  if (!META.test(source)) return (it) => textOf(sf(it))?.includes(source) ?? false;
  charges.charge(source, pos);
  let re: RegexProgram;
  try {
    re = cachedRegex(source);
  } catch (e) {
    // re2js reports syntax errors (and over-large programs) by throwing; keep its explanation.
    const why = e instanceof Error ? e.message : String(e);
    throw new ExprError(`invalid regex at ${pos}: ${why}`, pos, source);
  }
  return (it) => {
    const t = textOf(sf(it));
    return t !== null && re.test(t);
  };
}

function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}
