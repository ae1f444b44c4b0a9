/**
 * What compiling an RE2 pattern will cost, estimated from its text in one pass and without
 * building anything, so an expensive pattern is refused before re2js spends seconds and
 * gigabytes on it (`x{1,1000}` repeated 219 times compiles to 437,783 instructions).
 *
 * The unit is one program instruction. The size part follows RE2's own `calcSize` (literal
 * runes, +2 for `*` and captures, +1 for `+` `?` and each `|`, `x{n,m}` = m·size(x) + (m−n)),
 * so it is an upper bound of re2js's `programSize()` (`regex-cost.test.ts` holds it to that).
 * On top comes parse work that does not show in the program: Unicode classes (`\pL` builds a
 * table of hundreds of ranges), and ranges under `(?i)`, which re2js case-folds one code point
 * at a time (`(?i)[\x{100}-\x{1E900}]` alone took 20 ms). Weights were measured against
 * re2js 2.10; the property test in `regex-cost.test.ts` checks them against real compiles.
 *
 * Syntax errors are not this function's business: it estimates what it can read, and re2js
 * reports the error (parsing a bounded pattern that far is cheap).
 *
 * @example regexCost('^ERROR.*timeout') // 66
 * @example regexCost('x{1,1000}'.repeat(219)) // 437,831: refused long before compiling
 */
export function regexCost(pattern: string): number {
  return new CostScanner(pattern).run();
}

/** Parse work of one Unicode class (`\pL`, `\p{Greek}`, `[[:^alpha:]]` is cheaper but counted alike). */
const UNICODE_CLASS = 40;
/** The same under `(?i)`, where the class is folded too. */
const UNICODE_CLASS_FOLDED = 150;
/** Code points re2js folds per unit of work in a `(?i)` class range. */
const FOLD_POINTS_PER_UNIT = 32;
/** Case folding only changes code points up to here; a range beyond it costs nothing to fold. */
const MAX_FOLD = 0x1e943;
/**
 * What any compile costs however small the pattern: parser, simplifier, compiler and one-pass
 * analysis each set up (a 3-character pattern took 20–75 times one literal character's share).
 * It bounds how many tiny patterns one graph's budget buys.
 */
const FIXED = 50;

interface Frame {
  /** Finished alternatives of this group plus one per `|`. */
  done: number;
  /** The alternative being read. */
  cur: number;
  /** Size of the last atom of `cur`, which a repeat operator applies to; -1 when none. */
  last: number;
  /** Capturing groups cost 2 more instructions. */
  capture: boolean;
  /** The case-insensitive flag outside this group, restored at `)`. */
  foldOuter: boolean;
}

class CostScanner {
  private i = 0;
  private fold = false;
  private work = 0;
  private readonly stack: Frame[] = [];
  private top: Frame = { done: 0, cur: 0, last: -1, capture: false, foldOuter: false };

  constructor(private readonly src: string) {}

  run(): number {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '\\') this.escape();
      else if (c === '[') this.charClass();
      else if (c === '(') this.open();
      else if (c === ')') this.close();
      else if (c === '|') this.alternate();
      else if (c === '*' || c === '+' || c === '?') this.repeatOp(c);
      else if (c !== '{' || !this.counted()) this.atom(1, codePointLength(s, this.i));
    }
    while (this.stack.length > 0) this.close();
    return total(this.top) + this.work + FIXED;
  }

  /** One atom of `size` instructions, `width` characters of source. */
  private atom(size: number, width: number): void {
    this.top.cur += size;
    this.top.last = size;
    this.i += width;
  }

  private escape(): void {
    const s = this.src;
    const e = s[this.i + 1] ?? '';
    if (e === 'Q') {
      // \Q…\E: every character up to \E is a literal.
      const end = s.indexOf('\\E', this.i + 2);
      const stop = end < 0 ? s.length : end;
      const n = stop - (this.i + 2);
      this.top.cur += n;
      this.top.last = n > 0 ? 1 : this.top.last;
      this.i = end < 0 ? s.length : end + 2;
      return;
    }
    const { width, unicode } = escapeAt(s, this.i);
    if (unicode) this.work += this.fold ? UNICODE_CLASS_FOLDED : UNICODE_CLASS;
    this.atom(1, width);
  }

  /** `[…]`: one instruction; its items and ranges are parse work. */
  private charClass(): void {
    const s = this.src;
    let j = this.i + 1;
    if (s[j] === '^') j++;
    let first = true;
    while (j < s.length && (s[j] !== ']' || first)) {
      first = false;
      this.work += 1;
      if (s.startsWith('[:', j)) {
        const end = s.indexOf(':]', j + 2);
        j = end < 0 ? s.length : end + 2;
        continue;
      }
      const lo = classChar(s, j);
      if (lo.unicode) this.work += this.fold ? UNICODE_CLASS_FOLDED : UNICODE_CLASS;
      j += lo.width;
      if (lo.value !== null && s[j] === '-' && j + 1 < s.length && s[j + 1] !== ']') {
        const hi = classChar(s, j + 1);
        j += 1 + hi.width;
        if (this.fold) {
          // Unknown ends (a malformed range re2js will reject) are costed as the widest range.
          const from = lo.value;
          const to = Math.min(hi.value ?? MAX_FOLD, MAX_FOLD);
          if (to > from) this.work += Math.ceil((to - from) / FOLD_POINTS_PER_UNIT);
        }
      }
    }
    this.atom(1, j + 1 - this.i);
  }

  private open(): void {
    const s = this.src;
    let capture = true;
    let foldInside = this.fold;
    let j = this.i + 1;
    if (s[j] === '?') {
      const flags = /^\?([imsU]*(?:-[imsU]*)?)([:)])/.exec(s.slice(j, j + 16));
      const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(s.slice(j, j + 40));
      if (flags) {
        const [on, off = ''] = flags[1]!.split('-');
        if (on!.includes('i')) foldInside = true;
        if (off.includes('i')) foldInside = false;
        j += flags[0].length;
        if (flags[2] === ')') {
          // `(?i)`: a flag change for the rest of the current group, not a group.
          this.fold = foldInside;
          this.i = j;
          return;
        }
        capture = false;
      } else if (named) {
        j += named[0].length;
      } else {
        // (?<=…), (?<!…): lookbehinds; anything else is a syntax error re2js reports.
        capture = false;
        j += s.startsWith('?<=', j) || s.startsWith('?<!', j) ? 3 : 1;
      }
    }
    this.stack.push(this.top);
    this.top = { done: 0, cur: 0, last: -1, capture, foldOuter: this.fold };
    this.fold = foldInside;
    this.i = j;
  }

  private close(): void {
    const inner = this.top;
    const outer = this.stack.pop();
    this.i++;
    if (!outer) return; // an unmatched ')' is a syntax error re2js will report
    this.fold = inner.foldOuter;
    this.top = outer;
    const size = total(inner) + (inner.capture ? 2 : 0);
    this.top.cur += size;
    this.top.last = size;
  }

  private alternate(): void {
    this.top.done += this.top.cur + 1;
    this.top.cur = 0;
    this.top.last = -1;
    this.i++;
  }

  private repeatOp(op: string): void {
    this.i++;
    if (this.src[this.i] === '?') this.i++; // non-greedy: same program size
    this.resize((sub) => (op === '*' ? sub + 2 : sub + 1));
  }

  /** `{n}`, `{n,}`, `{n,m}`; anything else makes `{` a literal (RE2's rule). */
  private counted(): boolean {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
    if (!m) return false;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
    this.i += m[0].length;
    if (this.src[this.i] === '?') this.i++;
    this.resize((sub) =>
      max === -1 ? (min === 0 ? sub + 2 : 1 + min * sub) : Math.max(1, max * sub + Math.max(0, max - min)),
    );
    return true;
  }

  private resize(f: (sub: number) => number): void {
    const t = this.top;
    if (t.last < 0) return; // nothing to repeat: re2js reports it
    const size = Math.min(f(t.last), Number.MAX_SAFE_INTEGER);
    t.cur += size - t.last;
    t.last = size;
  }
}

function total(f: Frame): number {
  return f.done + f.cur;
}

function codePointLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** An escape outside a class: how many characters it spans, and whether it is a Unicode class. */
function escapeAt(s: string, i: number): { width: number; unicode: boolean } {
  const e = s[i + 1];
  if (e === undefined) return { width: 1, unicode: false };
  if (e === 'p' || e === 'P') {
    if (s[i + 2] !== '{') return { width: 3, unicode: true };
    const end = s.indexOf('}', i + 3);
    return { width: end < 0 ? s.length - i : end + 1 - i, unicode: true };
  }
  return { width: classChar(s, i).width, unicode: false };
}

const SIMPLE_ESCAPES = new Map([
  ['a', 7],
  ['f', 12],
  ['t', 9],
  ['n', 10],
  ['r', 13],
  ['v', 11],
]);

/**
 * One item inside a class at `i`: its width, its code point when it stands for one character
 * (so it can start or end a range), and whether it is a Unicode class.
 */
function classChar(s: string, i: number): { width: number; value: number | null; unicode: boolean } {
  if (s[i] !== '\\') {
    const width = codePointLength(s, i);
    return { width, value: s.codePointAt(i) ?? null, unicode: false };
  }
  const e = s[i + 1];
  if (e === undefined) return { width: 1, value: null, unicode: false };
  if (e === 'p' || e === 'P') {
    const end = s[i + 2] === '{' ? s.indexOf('}', i + 3) : i + 2;
    return { width: end < 0 ? s.length - i : end + 1 - i, value: null, unicode: true };
  }
  if (e === 'x') {
    const braced = /^\\x\{([0-9A-Fa-f]{1,8})\}/.exec(s.slice(i, i + 13));
    if (braced) return { width: braced[0].length, value: Number.parseInt(braced[1]!, 16), unicode: false };
    const two = /^\\x([0-9A-Fa-f]{2})/.exec(s.slice(i, i + 4));
    if (two) return { width: 4, value: Number.parseInt(two[1]!, 16), unicode: false };
    return { width: 2, value: null, unicode: false };
  }
  const octal = /^\\([0-7]{1,3})/.exec(s.slice(i, i + 5));
  if (octal) return { width: octal[0].length, value: Number.parseInt(octal[1]!, 8), unicode: false };
  const simple = SIMPLE_ESCAPES.get(e);
  if (simple !== undefined) return { width: 2, value: simple, unicode: false };
  // \d \w \s \b …: a class or an assertion, not one character. Anything else is escaped punctuation.
  if (/[A-Za-z]/.test(e)) return { width: 2, value: null, unicode: false };
  return { width: 1 + codePointLength(s, i + 1), value: s.codePointAt(i + 1) ?? null, unicode: false };
}
