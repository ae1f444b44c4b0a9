import { RE2JS } from 're2js';
import { LOG_PATTERNS, parseTemplate } from '../../../shared/catalog/kinds/log-patterns.js';

/** Parsed fields of one line, or undefined when the line does not have the format. */
export type LineParser = (text: string) => Record<string, unknown> | undefined;

/**
 * `time|level|message`: split at the first two `|` (the message may contain more). Time and
 * level must not be empty; surrounding spaces are trimmed.
 */
export const parsePipe: LineParser = (text) => {
  const a = text.indexOf('|');
  if (a < 0) return undefined;
  const b = text.indexOf('|', a + 1);
  if (b < 0) return undefined;
  const time = text.slice(0, a).trim();
  const level = text.slice(a + 1, b).trim();
  if (time === '' || level === '') return undefined;
  return { time, level, message: text.slice(b + 1).trim() };
};

/**
 * Compiles a `%{NAME:field}` template (already validated by the kind's schema) to one anchored
 * RE2 program: linear-time matching, no catastrophic backtracking whatever the line.
 *
 * @example compilePattern('%{LEVEL:level} %{INT:status}')('WARN 503') // { level: 'WARN', status: 503 }
 */
export function compilePattern(template: string): LineParser {
  const parsed = parseTemplate(template);
  if (!parsed.ok) throw new Error(`pattern: ${parsed.message}`);
  let source = '';
  const captures: { field: string; numeric: boolean; quoted: boolean }[] = [];
  for (const part of parsed.parts) {
    if (part.type === 'literal') {
      // A run of spaces in the template matches any run of spaces in the line.
      source += part.text
        .split(/\s+/)
        .map((s) => RE2JS.quote(s))
        .join(String.raw`\s+`);
      continue;
    }
    const spec: { regex: string; numeric?: true; quoted?: true } = LOG_PATTERNS[part.name];
    if (part.field === null) {
      source += `(?:${spec.regex})`;
    } else {
      source += `(${spec.regex})`;
      captures.push({ field: part.field, numeric: spec.numeric === true, quoted: spec.quoted === true });
    }
  }
  const re = RE2JS.compile(source, RE2JS.DOTALL);
  return (text) => {
    const m = re.matcher(text);
    if (!m.matches()) return undefined;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < captures.length; i++) {
      const c = captures[i]!;
      const g = m.group(i + 1) ?? '';
      out[c.field] = c.numeric ? toNumber(g) : c.quoted ? unquote(g) : g;
    }
    return out;
  };
}

/** INT and NUMBER only match number syntax; a value too large for a double stays text. */
function toNumber(g: string): number | string {
  const n = Number(g);
  return Number.isFinite(n) ? n : g;
}

function unquote(q: string): string {
  return q.slice(1, -1).replace(/\\(.)/g, '$1');
}
