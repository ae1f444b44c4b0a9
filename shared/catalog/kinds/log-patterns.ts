import { POISON_KEYS } from '../../graph/poison-keys.js';

/**
 * The named sub-patterns a `parse-log` template may use. A fixed whitelist (users never write
 * raw regular expressions), each in RE2 syntax, so a template compiles to an RE2 program that
 * matches in time linear in the line whatever the line holds.
 */
export const LOG_PATTERNS = {
  TIMESTAMP: {
    regex: String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?`,
    description: 'ISO 8601 date and time, e.g. 2024-03-14T09:00:00.123Z',
  },
  LEVEL: {
    regex: '(?i:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRITICAL|FATAL)',
    description: 'A log level word (TRACE … FATAL, any case)',
  },
  WORD: { regex: String.raw`\w+`, description: 'Letters, digits and _' },
  NOTSPACE: { regex: String.raw`\S+`, description: 'Anything up to the next space' },
  INT: { regex: String.raw`[+-]?\d+`, description: 'An integer (captured as a number)', numeric: true },
  NUMBER: {
    regex: String.raw`[+-]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?`,
    description: 'A decimal number (captured as a number)',
    numeric: true,
  },
  IP: { regex: String.raw`\d{1,3}(?:\.\d{1,3}){3}`, description: 'An IPv4 address' },
  UUID: {
    regex: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
    description: 'A UUID',
  },
  PATH: { regex: String.raw`/\S*`, description: 'A URL path starting with /' },
  QUOTED: {
    regex: String.raw`"(?:[^"\\]|\\.)*"`,
    description: 'A double-quoted string (captured without the quotes)',
    quoted: true,
  },
  DATA: { regex: '.*?', description: 'As little as possible (up to what follows)' },
  GREEDY: { regex: '.*', description: 'Everything that is left' },
} as const satisfies Record<string, { regex: string; description: string; numeric?: true; quoted?: true }>;

export type LogPatternName = keyof typeof LOG_PATTERNS;

export type TemplatePart =
  | { type: 'literal'; text: string }
  | { type: 'pattern'; name: LogPatternName; field: string | null };

/** Fields a template may not capture into: the runtime owns them. */
const RESERVED_FIELDS = new Set(['id', 'ts']);
const MAX_CAPTURES = 32;
const TOKEN = /%\{([A-Za-z0-9_]*)(?::([^}]*))?\}/g;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Splits a template like `%{TIMESTAMP:time} %{LEVEL:level} %{GREEDY:message}` into literal text
 * and named patterns, checking names and fields. Pure, so the compiler (via the kind's schema)
 * and the runtime agree on what a template means.
 *
 * @example parseTemplate('%{INT:status} %{NOTSPACE}') // { ok: true, parts: [...] }
 */
export function parseTemplate(
  template: string,
): { ok: true; parts: TemplatePart[] } | { ok: false; message: string } {
  const parts: TemplatePart[] = [];
  const fields = new Set<string>();
  let last = 0;
  const literal = (from: number, to: number): string | undefined => {
    const text = template.slice(from, to);
    const bad = text.indexOf('%{');
    if (bad >= 0) return `malformed %{…} at ${from + bad} (expected %{NAME} or %{NAME:field})`;
    if (text.length > 0) parts.push({ type: 'literal', text });
    return undefined;
  };
  for (const m of template.matchAll(TOKEN)) {
    const error = literal(last, m.index);
    if (error) return { ok: false, message: error };
    last = m.index + m[0].length;
    const name = m[1]!;
    if (!Object.hasOwn(LOG_PATTERNS, name)) {
      return {
        ok: false,
        message: `unknown pattern "${name}" at ${m.index} (known: ${Object.keys(LOG_PATTERNS).join(', ')})`,
      };
    }
    const field = m[2] === undefined ? null : m[2];
    if (field !== null) {
      if (!IDENTIFIER.test(field) || POISON_KEYS.has(field))
        return { ok: false, message: `"${field}" at ${m.index} is not a usable field name` };
      if (RESERVED_FIELDS.has(field))
        return {
          ok: false,
          message: `"${field}" at ${m.index} is reserved (id and ts are set by the runtime)`,
        };
      if (fields.has(field)) return { ok: false, message: `field "${field}" is captured twice` };
      fields.add(field);
    }
    parts.push({ type: 'pattern', name: name as LogPatternName, field });
  }
  const error = literal(last, template.length);
  if (error) return { ok: false, message: error };
  if (fields.size > MAX_CAPTURES) return { ok: false, message: `at most ${MAX_CAPTURES} captured fields` };
  if (fields.size === 0) return { ok: false, message: 'the template captures no field (use %{NAME:field})' };
  return { ok: true, parts };
}
