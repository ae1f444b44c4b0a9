/**
 * Turns a kind's params JSON Schema (from `GET /api/catalog`) into a flat model of form fields,
 * so the inspector can render any kind without knowing it. Unknown shapes fall back to a JSON
 * text field rather than being hidden.
 */

type Json = Record<string, unknown>;

interface FieldBase {
  /** Path inside `params`, e.g. `['retry', 'attempts']`. */
  path: string[];
  /** Dotted path, used for test ids and issue matching: `retry.attempts`. */
  name: string;
  label: string;
  unit?: string;
  description?: string;
  default?: unknown;
  nullable: boolean;
}

export type FieldModel =
  | (FieldBase & { type: 'number'; integer: boolean; min?: number; max?: number })
  | (FieldBase & { type: 'enum'; options: string[] })
  | (FieldBase & { type: 'string' })
  | (FieldBase & { type: 'boolean' })
  | (FieldBase & { type: 'group'; fields: FieldModel[] })
  | (FieldBase & { type: 'json' });

const UNIT_SUFFIXES: ReadonlyArray<[string, string]> = [
  ['Ms', 'ms'],
  ['Bytes', 'bytes'],
];

/**
 * `serviceTimeMs` → `{ label: 'Service time', unit: 'ms' }`.
 *
 * @example humanize('payloadBytes') // { label: 'Payload', unit: 'bytes' }
 */
export function humanize(name: string): { label: string; unit?: string } {
  let base = name;
  let unit: string | undefined;
  for (const [suffix, u] of UNIT_SUFFIXES) {
    if (base.length > suffix.length && base.endsWith(suffix)) {
      base = base.slice(0, -suffix.length);
      unit = u;
    }
  }
  const words = base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  // Acronyms read as acronyms (`url` → URL, not Url).
  const spelled = words.replace(/\burl\b/g, 'URL');
  const label = spelled.charAt(0).toUpperCase() + spelled.slice(1);
  return unit ? { label, unit } : { label };
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Splits `anyOf: [X, {type:'null'}]` into X plus a nullable flag. */
function unwrapNullable(schema: Json): { inner: Json; nullable: boolean } {
  const variants = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isObject) : null;
  if (variants) {
    const nonNull = variants.filter((v) => v.type !== 'null');
    if (nonNull.length === 1 && nonNull.length < variants.length) {
      return { inner: { ...nonNull[0], ...omit(schema, 'anyOf') }, nullable: true };
    }
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const rest = schema.type.filter((t) => t !== 'null');
    if (rest.length === 1) return { inner: { ...schema, type: rest[0] }, nullable: true };
  }
  return { inner: schema, nullable: false };
}

function omit(obj: Json, key: string): Json {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

function finite(v: unknown): number | undefined {
  // zod writes Number.MAX_SAFE_INTEGER for "no bound" on integers; that is not a real limit.
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined;
}

function toField(path: string[], raw: Json): FieldModel {
  const { inner, nullable } = unwrapNullable(raw);
  const key = path[path.length - 1] ?? '';
  const base: FieldBase = { path, name: path.join('.'), ...humanize(key), nullable };
  if (typeof inner.description === 'string') base.description = inner.description;
  if ('default' in inner) base.default = inner.default;

  if (Array.isArray(inner.enum) && inner.enum.every((o) => typeof o === 'string')) {
    return { ...base, type: 'enum', options: inner.enum as string[] };
  }
  if (inner.type === 'number' || inner.type === 'integer') {
    const field: FieldModel = { ...base, type: 'number', integer: inner.type === 'integer' };
    const min = finite(inner.minimum);
    const max = finite(inner.maximum);
    if (min !== undefined) field.min = min;
    if (max !== undefined) field.max = max;
    return field;
  }
  if (inner.type === 'string') return { ...base, type: 'string' };
  if (inner.type === 'boolean') return { ...base, type: 'boolean' };
  if (inner.type === 'object' && isObject(inner.properties)) {
    return { ...base, type: 'group', fields: fieldsAt(path, inner.properties) };
  }
  return { ...base, type: 'json' };
}

function fieldsAt(prefix: string[], properties: Json): FieldModel[] {
  return Object.entries(properties)
    .filter((entry): entry is [string, Json] => isObject(entry[1]))
    .map(([key, schema]) => toField([...prefix, key], schema));
}

/**
 * The form model for a params object schema.
 *
 * @example
 * formFields({ type: 'object', properties: { rate: { type: 'number', minimum: 0.1, default: 100 } } })
 * // [{ type: 'number', name: 'rate', label: 'Rate', min: 0.1, default: 100, integer: false, ... }]
 */
export function formFields(schema: Json): FieldModel[] {
  return isObject(schema.properties) ? fieldsAt([], schema.properties) : [];
}

/** Reads a value at a path in a params object; `undefined` when any step is missing. */
export function valueAt(params: Json, path: readonly string[]): unknown {
  let cur: unknown = params;
  for (const key of path) {
    if (!isObject(cur) || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/**
 * A copy of `params` with the value at `path` set, or removed when `value` is undefined.
 * Emptied intermediate objects are removed too, so the document keeps only what the user set.
 */
export function withValueAt(params: Json, path: readonly string[], value: unknown): Json {
  const [head, ...rest] = path;
  if (head === undefined) return params;
  const next: Json = { ...params };
  const child = rest.length === 0 ? value : withValueAt(isObject(next[head]) ? next[head] : {}, rest, value);
  if (child === undefined || (rest.length > 0 && Object.keys(child as Json).length === 0)) delete next[head];
  else next[head] = child;
  return next;
}

/**
 * Parses what the user typed into a number field. `null` means "no value" (only valid when the
 * field is nullable); `undefined` means the text is not a number yet (keep the draft, change nothing).
 */
export function parseNumberInput(text: string, nullable: boolean): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return nullable ? null : undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}

/** A range hint such as `0.1 – 10,000,000`, or undefined when the field is unbounded. */
export function rangeHint(field: { min?: number; max?: number }): string | undefined {
  const fmt = (n: number) => n.toLocaleString('en-US');
  if (field.min !== undefined && field.max !== undefined) return `${fmt(field.min)} – ${fmt(field.max)}`;
  if (field.min !== undefined) return `≥ ${fmt(field.min)}`;
  if (field.max !== undefined) return `≤ ${fmt(field.max)}`;
  return undefined;
}
